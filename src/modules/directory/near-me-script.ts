/**
 * Progressive enhancement for "near me" on the public search and office finder (served as
 * /near-me.js by public-api.ts; no framework, a few hundred bytes): shows the button where the
 * browser has geolocation, fills the field with "lon,lat" and submits the form. Without
 * JavaScript the button stays hidden and the typed postcode/street works as before.
 */
export const NEAR_ME_SCRIPT = `(function(){var b=document.querySelector("[data-near-me]");if(!b||!navigator.geolocation)return;var i=document.querySelector("[data-near-input]"),e=document.querySelector("[data-near-error]");b.hidden=false;b.addEventListener("click",function(){b.disabled=true;navigator.geolocation.getCurrentPosition(function(p){i.value=p.coords.longitude.toFixed(5)+","+p.coords.latitude.toFixed(5);i.form.requestSubmit?i.form.requestSubmit():i.form.submit()},function(){b.disabled=false;e.hidden=false},{timeout:10000,maximumAge:60000})})})();`;

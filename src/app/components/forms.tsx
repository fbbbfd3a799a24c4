// Kept only for the three import wizards (areas, directory, monitoring), which are being replaced
// by one wizard; every other page imports from ./form/index.ts (decision 029).
export { Notice } from "./form/notice.tsx";

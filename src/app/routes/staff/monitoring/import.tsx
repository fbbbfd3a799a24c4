// PLACEHOLDER-REPLACE: the owner of this page replaces this file completely (issue 6).
export default function Placeholder() {
  return null;
}

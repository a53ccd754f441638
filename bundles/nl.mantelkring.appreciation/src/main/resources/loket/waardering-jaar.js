// Shared by the loket's appreciation parts (defines no element, so both parts may import it).

/** The year in the route (#/waardering/2027 or #/waardering-aanvragen/2027), else this year. */
export function yearOf(route) {
  const m = /^(20\d\d)$/.exec(route || '');
  return m ? Number(m[1]) : new Date().getFullYear();
}

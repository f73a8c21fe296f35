// The table make verify prints: one line a check, PASS or FAIL, and for each
// failure the page and the rule it broke.
export class Report {
  constructor(title) {
    this.title = title;
    this.rows = [];
  }

  // add records a check; problems is a list of strings, empty when it passed.
  add(check, page, problems) {
    this.rows.push({ check, page, problems });
  }

  // print writes one line a check, with how many pages passed it, and for
  // each failure the page and what was wrong. It returns the failures.
  print() {
    const checks = [...new Set(this.rows.map((r) => r.check))];
    const width = Math.max(...checks.map((c) => c.length), 10);
    console.log(`\n${this.title}`);
    let failed = 0;
    for (const check of checks) {
      const rows = this.rows.filter((r) => r.check === check);
      const bad = rows.filter((r) => r.problems.length);
      failed += bad.length;
      console.log(`  ${bad.length ? 'FAIL' : 'pass'}  ${check.padEnd(width)}  ${rows.length - bad.length}/${rows.length} pages`);
      for (const r of bad) {
        for (const p of r.problems.slice(0, 5)) console.log(`          ${r.page}: ${p}`);
        if (r.problems.length > 5) console.log(`          ${r.page}: ... and ${r.problems.length - 5} more`);
      }
    }
    return failed;
  }
}

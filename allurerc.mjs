// The morning report's configuration (Allure 3, `make report`): read from the project's root.
// Categories are the suite's cause classes (biohil.verdict), matched on the `cause` label the
// suite sets on every non-pass (fixtures/report.py), never on message text.
const notPassed = ["failed", "broken", "skipped", "unknown"];
const cause = (name, value, groupBy, more = {}) => ({
  name,
  matchers: { statuses: notPassed, labels: { cause: value } },
  groupBy,
  groupByMessage: false,
  ...more,
});

export default {
  name: "biohil: biometric terminal acceptance",
  output: process.env.BIOHIL_REPORT_OUTPUT ?? "reports/allure-report",
  // One JSON line per run; the nightly job carries this file from one night to the next. (The
  // project's tests build reports elsewhere through these two variables.)
  historyPath: process.env.BIOHIL_REPORT_HISTORY ?? "reports/history/history.jsonl",
  historyLimit: 60,
  categories: {
    rules: [
      // A product defect: one group, whichever scenarios and terminals one bug fails.
      cause("Product defect: the terminal or server decided or reported wrongly", "product", [], {
        expand: true,
      }),
      // Where the documentation is silent, the terminal read it otherwise than the suite: one group
      // per reading (e.g. "reading own_mode"); the message names the --reading that matches.
      cause(
        "Unconfirmed reading: the terminal answered by another reading of what its documentation leaves open",
        "unconfirmed reading",
        [{ label: "reason" }],
        { expand: true },
      ),
      // Infrastructure: one group per failing call or error type (e.g. "User.Enroll: UNAVAILABLE").
      cause(
        "Infrastructure: gateway, link, TLS, lock or a terminal not restored",
        "infrastructure",
        [{ label: "reason" }],
        { expand: true },
      ),
      cause(
        "Operator: nobody answered, the person skipped or failed a step, or missed it twice (too slow, or not what was asked)",
        "operator",
        [{ label: "reason" }],
        { expand: true },
      ),
      // The suite's own bug: an error nobody classified, never blamed on the firmware.
      cause("Suite: an error of the suite itself (report it to its maintainers)", "suite", [{ label: "reason" }], {
        expand: true,
      }),
      cause("Not applicable: the terminal lacks what the scenario needs", "not applicable", [
        { label: "terminal" },
      ]),
    ],
  },
  plugins: {
    awesome: {
      options: {
        reportName: "biohil: biometric terminal acceptance",
        singleFile: true,
        // The tree: G-SDK / FindFace, then the feature, then the terminal.
        groupBy: ["epic", "feature", "terminal"],
      },
    },
  },
};

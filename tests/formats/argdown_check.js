// Parse every Argdown file named on the command line with the official Argdown parser
// (@argdown/core, found through NODE_PATH) and print one JSON line per file:
// {"file": ..., "errors": [...], "statements": n, "relations": n}.
const fs = require("fs");
const { ArgdownApplication, ParserPlugin, ModelPlugin } = require("@argdown/core");

const app = new ArgdownApplication();
app.addPlugin(new ParserPlugin(), "parse-input");
app.addPlugin(new ModelPlugin(), "build-model");

for (const file of process.argv.slice(2)) {
  const input = fs.readFileSync(file, "utf8");
  let errors = [];
  let statements = 0;
  let relations = 0;
  try {
    const res = app.run({ input, process: ["parse-input", "build-model"], throwExceptions: true });
    errors = [...(res.lexerErrors || []), ...(res.parserErrors || [])].map((e) => String(e.message || e).slice(0, 200));
    statements = Object.keys(res.statements || {}).length;
    relations = (res.relations || []).length;
  } catch (e) {
    errors = [String(e && e.message ? e.message : e).slice(0, 200)];
  }
  console.log(JSON.stringify({ file, errors, statements, relations }));
}

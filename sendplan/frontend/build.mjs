// Compiles sendplan's stylesheet from GOV.UK Frontend's Sass and copies the scripts and images it needs
// into sendplan/static/build (not committed; `make` builds it).
import { compile } from "sass";
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const out = join(root, "sendplan", "static", "build");
const modules = join(root, "node_modules");
mkdirSync(out, { recursive: true });

const css = compile(join(here, "main.scss"), {
  loadPaths: [modules],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import"],
});
writeFileSync(join(out, "sendplan.css"), css.css);
cpSync(join(modules, "govuk-frontend", "dist", "govuk", "govuk-frontend.min.js"), join(out, "govuk-frontend.min.js"));
cpSync(join(modules, "htmx.org", "dist", "htmx.min.js"), join(out, "htmx.min.js"));
// GOV.UK fonts and crown images are deliberately not copied: this service is not on gov.uk.
console.log("built " + out);

// Prettier for XML, JS, CSS, JSON and YAML, as in OCA's 18.0 repositories.
/** @type {import('prettier').Config} */
const config = {
    plugins: [require.resolve("@prettier/plugin-xml")],
    bracketSpacing: false,
    printWidth: 100,
    proseWrap: "always",
    semi: true,
    tabWidth: 4,
    trailingComma: "es5",
    // Whitespace inside Odoo XML (QWeb, help texts) can be meaningful.
    xmlWhitespaceSensitivity: "preserve",
    overrides: [
        // Views nest deeply: a wider line keeps a field's attributes on one line.
        {files: "*.xml", options: {printWidth: 120}},
        {files: ["*.yaml", "*.yml"], options: {tabWidth: 2}},
    ],
};

module.exports = config;

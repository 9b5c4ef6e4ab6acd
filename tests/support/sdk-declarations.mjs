// What the JS SDK's index.d.ts (amazon-cognito-identity-js 6.3.21) declares, read with the
// TypeScript compiler API rather than copied into a list, so the object-model test follows
// the declarations exactly: every exported class with its methods and properties (static
// or not), and every exported const or function. Interfaces and type aliases are not
// runtime members and are left out.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { ROOT } from './e2e.mjs';

export const SDK_DTS = join(ROOT, 'node_modules', 'amazon-cognito-identity-js', 'index.d.ts');

const isExported = (node) => !!node.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
const isStatic = (node) => !!node.modifiers?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
const nameOf = (node) => node.name && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name) ? node.name.text : node.name.getText());

/** One class declaration: { methods, properties, staticMethods, staticProperties } (names, sorted). */
function classMembers(decl) {
  const out = { methods: new Set(), properties: new Set(), staticMethods: new Set(), staticProperties: new Set() };
  for (const member of decl.members) {
    const stat = isStatic(member);
    if (ts.isMethodDeclaration(member)) out[stat ? 'staticMethods' : 'methods'].add(nameOf(member));
    else if (ts.isPropertyDeclaration(member)) out[stat ? 'staticProperties' : 'properties'].add(nameOf(member));
    else if (ts.isGetAccessorDeclaration(member) || ts.isSetAccessorDeclaration(member)) out[stat ? 'staticProperties' : 'properties'].add(nameOf(member));
  }
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, [...v].sort()]));
}

/**
 * { exports: { name: 'class' | 'const' | 'function' }, classes: { name: classMembers } }
 * for the `declare module 'amazon-cognito-identity-js'` block of `file`.
 */
export function sdkDeclarations(file = SDK_DTS) {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const out = { exports: {}, classes: {} };
  const visitStatements = (statements) => {
    for (const st of statements) {
      if (ts.isModuleDeclaration(st) && st.body && ts.isModuleBlock(st.body)) {
        // Only the package's own module block; a namespace (NodeCallback) holds types only.
        if (ts.isStringLiteral(st.name)) visitStatements(st.body.statements);
        continue;
      }
      if (!isExported(st)) continue;
      if (ts.isClassDeclaration(st) && st.name) {
        out.exports[st.name.text] = 'class';
        out.classes[st.name.text] = classMembers(st);
      } else if (ts.isFunctionDeclaration(st) && st.name) {
        out.exports[st.name.text] = 'function';
      } else if (ts.isVariableStatement(st)) {
        for (const d of st.declarationList.declarations) out.exports[d.name.getText()] = 'const';
      }
    }
  };
  visitStatements(source.statements);
  return out;
}

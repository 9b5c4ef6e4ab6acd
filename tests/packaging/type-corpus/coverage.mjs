// Which declarations of amazon-cognito-identity-js's index.d.ts and internals/index.d.ts the
// type corpus leaves unused: every exported class (its constructor and each member), interface
// (each member), type alias, namespace and constant must be referenced by a corpus file,
// resolved by the type checker (so a name in a comment or a string does not count).
import { dirname, join, sep } from 'node:path';
import ts from 'typescript';

const SDK_DIR = `${sep}amazon-cognito-identity-js${sep}`;

/** Labels ('CognitoUser.getSession', 'NodeCallback.Any', ...) of the JS SDK's declarations no corpus file uses. */
export function unusedSdkDeclarations(configPath) {
  const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n')); },
  });
  const program = ts.createProgram({ rootNames: config.fileNames, options: config.options });
  const checker = program.getTypeChecker();
  const sdkFiles = program.getSourceFiles().filter((f) => f.fileName.includes(SDK_DIR));
  if (sdkFiles.length !== 2) throw new Error(`expected the JS SDK's two declaration files, found ${sdkFiles.map((f) => f.fileName)}`);

  const wanted = new Map();
  const nameOf = (node) => (node.name ? node.name.getText() : 'constructor');
  const collect = (statements, prefix) => {
    for (const node of statements) {
      if (ts.isModuleDeclaration(node) && node.body && ts.isModuleBlock(node.body)) {
        // `declare module 'amazon-cognito-identity-js' { ... }` holds everything; `namespace NodeCallback` its members.
        const inner = ts.isStringLiteral(node.name) ? prefix : `${prefix}${node.name.text}.`;
        if (!ts.isStringLiteral(node.name)) wanted.set(node, `${prefix}${node.name.text}`);
        collect(node.body.statements, inner);
      } else if (ts.isClassDeclaration(node) || ts.isInterfaceDeclaration(node)) {
        wanted.set(node, `${prefix}${node.name.text}`);
        for (const member of node.members) wanted.set(member, `${prefix}${node.name.text}.${nameOf(member)}`);
      } else if (ts.isTypeAliasDeclaration(node)) {
        wanted.set(node, `${prefix}${node.name.text}`);
      } else if (ts.isVariableStatement(node)) {
        for (const d of node.declarationList.declarations) wanted.set(d, `${prefix}${d.name.getText()}`);
      }
    }
  };
  for (const file of sdkFiles) collect(file.statements, file.fileName.includes(`${SDK_DIR}internals${sep}`) ? 'internals/' : '');

  const used = new Set();
  const useSymbol = (symbol) => {
    if (!symbol) return;
    if (symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
    for (const d of symbol.declarations ?? []) used.add(d);
  };
  const visit = (node) => {
    if (ts.isIdentifier(node)) useSymbol(checker.getSymbolAtLocation(node));
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      const declaration = checker.getResolvedSignature(node)?.declaration;
      if (declaration) used.add(declaration);
    }
    ts.forEachChild(node, visit);
  };
  for (const file of program.getSourceFiles()) {
    if (config.fileNames.includes(file.fileName)) visit(file);
  }
  if (process.env.COVERAGE_DEBUG) console.error(`${wanted.size} declarations, ${[...wanted.keys()].filter((n) => used.has(n)).length} used`);
  return [...wanted].filter(([node]) => !used.has(node)).map(([, label]) => label);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(unusedSdkDeclarations(join(dirname(process.argv[1]), 'tsconfig.sdk.json')));
}

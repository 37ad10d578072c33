import * as ts from 'typescript';

/** The writes that go around the entity subscribers' view of an entity: by criteria, in bulk, or by QueryBuilder. */
const CRITERIA_WRITES = new Set(['update', 'delete', 'softDelete', 'restore', 'upsert', 'increment', 'decrement', 'clear']);

function parse(file: string, text: string): ts.SourceFile {
  return ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
}

function walk(node: ts.Node, visit: (node: ts.Node) => void): void {
  visit(node);
  node.forEachChild((child) => walk(child, visit));
}

function identifiersIn(node: ts.Node): Set<string> {
  const names = new Set<string>();
  walk(node, (inner) => {
    if (ts.isIdentifier(inner)) names.add(inner.text);
  });
  return names;
}

/** The entities a subclass of libs/live-server's ChangeRecordingSubscriber records: `class X extends ChangeRecordingSubscriber<Entity>`. */
export function liveEntitiesIn(file: string, text: string): string[] {
  const entities: string[] = [];
  walk(parse(file, text), (node) => {
    if (!ts.isHeritageClause(node)) return;
    for (const { expression, typeArguments } of node.types) {
      const [entity] = typeArguments ?? [];
      if (ts.isIdentifier(expression) && expression.text === 'ChangeRecordingSubscriber' && entity && ts.isTypeReferenceNode(entity)) {
        entities.push(entity.typeName.getText());
      }
    }
  });
  return entities;
}

/** The whole chain a call sits in: `qb.insert()` inside `qb.insert().into(X).values(v).execute()`. */
function chainAround(node: ts.Expression): ts.Expression {
  let top = node;
  while (
    (ts.isPropertyAccessExpression(top.parent) && top.parent.expression === top) ||
    (ts.isCallExpression(top.parent) && top.parent.expression === top) ||
    (ts.isNonNullExpression(top.parent) && top.parent.expression === top)
  ) {
    top = top.parent as ts.Expression;
  }
  return top;
}

/** `manager.getRepository(Entity)` (or `dataSource.…`) for a live entity. */
function isRepositoryOf(expression: ts.Expression, liveEntities: ReadonlySet<string>): boolean {
  if (!ts.isCallExpression(expression)) return false;
  const callee = expression.expression;
  const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
  const [entity] = expression.arguments;
  return name === 'getRepository' && entity !== undefined && ts.isIdentifier(entity) && liveEntities.has(entity.text);
}

/**
 * Each place, as "file:line: code", where a live entity is written other than by `save`/`remove` (or an
 * `insert` of the entity itself): a QueryBuilder insert, update or delete, or a repository or manager
 * update, delete (and the like) by criteria. Those skip what the recording subscribers need to record
 * the change, so it would never reach a live reader.
 */
export function liveEntityWrites(file: string, text: string, liveEntities: ReadonlySet<string>): string[] {
  const source = parse(file, text);
  // Properties, parameters and variables that hold a repository of a live entity.
  const repositories = new Set<string>();
  walk(source, (node) => {
    if (!(ts.isPropertyDeclaration(node) || ts.isParameter(node) || ts.isVariableDeclaration(node)) || !ts.isIdentifier(node.name)) return;
    const typed = node.type && ts.isTypeReferenceNode(node.type) && node.type.typeName.getText() === 'Repository' && node.type.typeArguments?.some((argument) => liveEntities.has(argument.getText()));
    const fetched = node.initializer !== undefined && isRepositoryOf(node.initializer, liveEntities);
    if (typed || fetched) repositories.add(node.name.text);
  });
  const found: string[] = [];
  walk(source, (node) => {
    if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return;
    const method = node.expression.name.text;
    const chain = chainAround(node);
    const names = identifiersIn(chain);
    const queryBuilder = names.has('createQueryBuilder');
    if (!CRITERIA_WRITES.has(method) && !(method === 'insert' && queryBuilder)) return;
    if (![...names].some((name) => liveEntities.has(name) || repositories.has(name))) return;
    const { line } = source.getLineAndCharacterOfPosition(node.getStart());
    found.push(`${file}:${line + 1}: ${chain.getText().replace(/\s+/g, ' ').slice(0, 120)}`);
  });
  return found;
}

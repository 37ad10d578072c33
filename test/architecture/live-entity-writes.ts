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

type Handle = 'repository' | 'queryBuilder';

/** What a declared type holds for a live entity: `Repository<Entity>`, or `SelectQueryBuilder<Entity>` (or another QueryBuilder). */
function handleTyped(type: ts.TypeNode | undefined, liveEntities: ReadonlySet<string>): Handle | undefined {
  if (!type || !ts.isTypeReferenceNode(type) || !type.typeArguments?.some((argument) => liveEntities.has(argument.getText()))) return undefined;
  const name = type.typeName.getText();
  if (name === 'Repository') return 'repository';
  return name.endsWith('QueryBuilder') ? 'queryBuilder' : undefined;
}

/**
 * What an initializer hands out for a live entity: `manager.getRepository(Entity)`, the transaction's
 * `manager.withRepository(this.articles)`, or a QueryBuilder started from either (`this.articles.createQueryBuilder('a')`).
 */
function handleMadeBy(expression: ts.Expression, known: ReadonlySet<string>): Handle | undefined {
  // Both are made synchronously: what is awaited is a result (`await repository.findOneBy(…)`), not a handle.
  if (ts.isAwaitExpression(expression)) return undefined;
  const names = identifiersIn(expression);
  if (![...names].some((name) => known.has(name))) return undefined;
  if (names.has('createQueryBuilder')) return 'queryBuilder';
  const callee = ts.isCallExpression(expression) && ts.isPropertyAccessExpression(expression.expression) ? expression.expression.name.text : '';
  return callee === 'getRepository' || callee === 'withRepository' ? 'repository' : undefined;
}

/**
 * The names in a file that hold a repository or a QueryBuilder of a live entity: typed properties,
 * parameters and variables, methods that return one, and variables initialized with one.
 */
function handlesIn(source: ts.SourceFile, liveEntities: ReadonlySet<string>): Map<string, Handle> {
  const handles = new Map<string, Handle>();
  walk(source, (node) => {
    const declaration = ts.isPropertyDeclaration(node) || ts.isParameter(node) || ts.isVariableDeclaration(node) || ts.isMethodDeclaration(node) || ts.isFunctionDeclaration(node);
    if (!declaration || !node.name || !ts.isIdentifier(node.name)) return;
    const handle = handleTyped(node.type, liveEntities);
    if (handle) handles.set(node.name.text, handle);
  });
  // In source order, so that a handle made from another (`const q = articles.createQueryBuilder()`) is known.
  walk(source, (node) => {
    if (!ts.isVariableDeclaration(node) || !ts.isIdentifier(node.name) || !node.initializer) return;
    const handle = handleMadeBy(node.initializer, new Set([...liveEntities, ...handles.keys()]));
    if (handle) handles.set(node.name.text, handle);
  });
  return handles;
}

/**
 * Each place, as "file:line: code", where a live entity is written other than by `save`/`remove` (or an
 * `insert` of the entity itself): a QueryBuilder insert, update or delete, or a repository or manager
 * update, delete (and the like) by criteria, whether the repository is injected, fetched from the
 * manager or the transaction's own. Those skip what the recording subscribers need to record
 * the change, so it would never reach a live reader.
 */
export function liveEntityWrites(file: string, text: string, liveEntities: ReadonlySet<string>): string[] {
  const source = parse(file, text);
  const handles = handlesIn(source, liveEntities);
  const found: string[] = [];
  walk(source, (node) => {
    if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return;
    const method = node.expression.name.text;
    const chain = chainAround(node);
    const names = identifiersIn(chain);
    const queryBuilder = names.has('createQueryBuilder') || [...names].some((name) => handles.get(name) === 'queryBuilder');
    if (!CRITERIA_WRITES.has(method) && !(method === 'insert' && queryBuilder)) return;
    if (![...names].some((name) => liveEntities.has(name) || handles.has(name))) return;
    const { line } = source.getLineAndCharacterOfPosition(node.getStart());
    found.push(`${file}:${line + 1}: ${chain.getText().replace(/\s+/g, ' ').slice(0, 120)}`);
  });
  return found;
}

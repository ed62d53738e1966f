/**
 * How each integrating fixture app is installed, given its schema and data,
 * and checked: its own environment (the app's variable names, pointed at the
 * test database), the commands that create its tables and rows, a route of
 * its own that must still answer, and a query proving its data survived.
 */
export type Database = { host: string; port: number; user: string; password: string; name: string; url: string };

export type AppSpec = {
  name: string;
  /** The app's own settings, pointed at `db`. */
  env: (db: Database) => Record<string, string>;
  /** Commands (in the app's folder, with its virtualenv first on PATH) creating its schema and some data. */
  seed: string[][];
  /** SQL run after seeding, for apps whose data is easiest put in directly. */
  seedSql?: string[];
  /** One of the app's own routes and what its body must contain. */
  ownRoute: { path: string; contains: string };
  /** A query whose single number must be at least 1 after everything ran. */
  dataStillThere: string;
  /** For an app with its own user table: SQL inserting its user for email $1, returning the app's own `id`. */
  appUser?: { insert: string };
  /** Whether `alembic revision --autogenerate` is part of the check (the app has Alembic). */
  alembic?: { head: string };
};

const asyncpgUrl = (db: Database) => `postgresql+asyncpg://${db.user}:${db.password}@${db.host}:${db.port}/${db.name}`;

export const APP_SPECS: AppSpec[] = [
  {
    name: "greeter-environ",
    env: () => ({ LOG_LEVEL: "debug" }),
    seed: [],
    ownRoute: { path: "/api/v1/greet/Ada", contains: "Hello, Ada!" },
    dataStillThere: "SELECT 1",
  },
  {
    name: "shop-asyncpg",
    env: (db) => ({ DATABASE_URL: asyncpgUrl(db), CORS_ORIGINS: "http://localhost:5173" }),
    seed: [["alembic", "upgrade", "heads"]],
    seedSql: [`INSERT INTO products (name, price) VALUES ('kept-product', 9.5)`],
    ownRoute: { path: "/api/products", contains: "kept-product" },
    dataStillThere: `SELECT count(*) FROM products WHERE name = 'kept-product'`,
    alembic: { head: "b7c8d9e0f1a2" },
  },
  {
    name: "notes-uv",
    env: (db) => ({
      POSTGRES_SERVER: db.host,
      POSTGRES_PORT: String(db.port),
      POSTGRES_USER: db.user,
      POSTGRES_PASSWORD: db.password,
      POSTGRES_DB: db.name,
      SECRET_KEY: "notes-e2e-signing-key",
    }),
    seed: [["python", "-m", "app.seed"]],
    ownRoute: { path: "/api/v1/notes/count", contains: "count" },
    appUser: { insert: `INSERT INTO "user" (email, full_name, hashed_password) VALUES ($1, 'E2E', 'not-a-hash') RETURNING id` },
    dataStillThere: `SELECT count(*) FROM note WHERE title = 'First note'`,
  },
  {
    name: "inventory-factory",
    env: (db) => ({ DATABASE_URL: asyncpgUrl(db) }),
    seed: [],
    seedSql: [
      `CREATE TABLE IF NOT EXISTS items (id SERIAL PRIMARY KEY, sku VARCHAR(40) NOT NULL UNIQUE, quantity INTEGER NOT NULL)`,
      `INSERT INTO items (sku, quantity) VALUES ('kept-sku', 7)`,
    ],
    ownRoute: { path: "/v2/items", contains: "kept-sku" },
    dataStillThere: `SELECT count(*) FROM items WHERE sku = 'kept-sku'`,
  },
  {
    name: "library-psycopg2",
    env: (db) => ({ DATABASE_URL: `postgresql+psycopg2://${db.user}:${db.password}@${db.host}:${db.port}/${db.name}`, LOAN_DAYS: "14" }),
    seed: [["alembic", "upgrade", "head"]],
    seedSql: [
      `INSERT INTO books (isbn, title, author) VALUES ('978-0-00-000000-1', 'kept-book', 'E2E')`,
      `INSERT INTO loans (book_id, borrower, due) SELECT id, 'kept-borrower', current_date FROM books WHERE title = 'kept-book'`,
    ],
    ownRoute: { path: "/api/books", contains: "kept-book" },
    dataStillThere: `SELECT count(*) FROM loans l JOIN books b ON b.id = l.book_id WHERE b.title = 'kept-book' AND l.borrower = 'kept-borrower'`,
    alembic: { head: "5e1f0c2a9b3d" },
  },
];

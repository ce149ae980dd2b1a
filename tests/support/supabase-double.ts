/**
 * A stand-in for Supabase's HTTP front in the browser tests: the token endpoint of GoTrue and the
 * PostgREST RPC route. It exists because neither can run on these machines; it is NOT a mock of
 * the database — every RPC runs the real SQL function on the real PostgreSQL, the way PostgREST
 * does: `begin; set local role authenticated; set_config('request.jwt.claims', …, true); select
 * public.<fn>(…); commit` on one connection. Lives under tests/ and never ships in the app.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';

export interface SupabaseDouble {
	url: string;
	/** E-mails a magic link was asked for, in order. */
	otpRequests: string[];
	/** RPC calls served, by function name — lets a test see that sync really went over HTTP. */
	calls: Record<string, number>;
	/** Make every access token issued so far expire now (the next RPC answers 401). */
	expireTokens(): void;
	/** Storage (the Storage API's routes): object bytes by `bucket/name`, and requests served. */
	storage: DoubleStorage;
	close(): Promise<void>;
}

const RPC_FUNCTIONS = new Set(['sync_push', 'sync_pull']);
/**
 * Other RPCs the app calls, run with named arguments as PostgREST runs them: each argument the
 * request names, cast to the type the function declares (read from pg_proc).
 */
const NAMED_RPC_FUNCTIONS = new Set([
	'staff_import',
	'report_indicators',
	'report_staff_profile',
	'report_competence',
	'pending_invitations',
	'withdraw_invitation',
	'move_teacher',
	'audit_log_page',
	'my_data_export',
	'erasure_request_list',
	'erasure_files',
	'carry_out_erasure'
]);
/** Tables the app reads and writes with supabase-js's from(), by their key: the region's settings, erasure requests. */
const TABLES = new Map([
	['region_settings', 'region_id'],
	['erasure_requests', 'id']
]);
const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;
const CORS = {
	'access-control-allow-origin': '*',
	'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
	'access-control-allow-headers':
		'apikey, authorization, content-type, x-client-info, x-supabase-api-version, accept-profile, content-profile, prefer, x-upsert, cache-control, x-metadata',
	'access-control-max-age': '600'
};

function base64url(data: Buffer | string): string {
	return Buffer.from(data).toString('base64url');
}

function sign(claims: Record<string, unknown>, secret: string): string {
	const head = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
	const body = base64url(JSON.stringify(claims));
	const mac = createHmac('sha256', secret).update(`${head}.${body}`).digest();
	return `${head}.${body}.${base64url(mac)}`;
}

function verify(token: string, secret: string): Record<string, unknown> | null {
	const [head, body, mac] = token.split('.');
	if (!head || !body || !mac) return null;
	const expected = createHmac('sha256', secret).update(`${head}.${body}`).digest();
	const given = Buffer.from(mac, 'base64url');
	if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
	try {
		return JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, unknown>;
	} catch {
		return null;
	}
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	const text = Buffer.concat(chunks).toString('utf8');
	return text ? JSON.parse(text) : {};
}

function send(res: ServerResponse, status: number, body: unknown): void {
	res.writeHead(status, { ...CORS, 'content-type': 'application/json' });
	res.end(body === undefined ? '' : JSON.stringify(body));
}

interface User {
	id: string;
	email: string;
}

/**
 * The Storage API's part: objects' rows live in the shim's storage.objects, written and read as
 * the caller under the bucket's policies (an upload is an INSERT, a download a SELECT, a removal a
 * DELETE … RETURNING, as the Storage server runs them); their bytes are kept here in memory.
 */
export interface DoubleStorage {
	bytes: Map<string, Buffer>;
	/** Requests served, e.g. 'POST evidence/…' with the answer's status: 'POST evidence/… 200'. */
	requests: string[];
	/**
	 * Hold the next uploads after they are stored and before they are answered (the answer a
	 * reload loses). Resolves `arrived` when one is held; `release` answers them all.
	 */
	holdUploads(): { arrived: Promise<void>; release(): void };
}

export async function startSupabaseDouble(options: {
	databaseUrl: string;
	tokenSeconds?: number;
	port?: number;
}): Promise<SupabaseDouble> {
	const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 4 });
	// The test stops PostgreSQL at the end; an idle connection's "terminating" must not crash it.
	pool.on('error', () => {});
	const secret = randomBytes(32).toString('hex');
	const tokenSeconds = options.tokenSeconds ?? 3600;
	const refreshTokens = new Map<string, User>();
	const otpRequests: string[] = [];
	const calls: Record<string, number> = {};
	/** Access tokens issued so far, and those a test declared expired. */
	const issued = new Set<string>();
	const expired = new Set<string>();

	function session(user: User) {
		const now = Math.floor(Date.now() / 1000);
		const claims = {
			sub: user.id,
			email: user.email,
			role: 'authenticated',
			aud: 'authenticated',
			iat: now,
			exp: now + tokenSeconds
		};
		const refresh = randomBytes(16).toString('hex');
		refreshTokens.set(refresh, user);
		const access = sign(claims, secret);
		issued.add(access);
		return {
			access_token: access,
			token_type: 'bearer',
			expires_in: tokenSeconds,
			expires_at: now + tokenSeconds,
			refresh_token: refresh,
			user: userJson(user)
		};
	}

	function userJson(user: User) {
		const at = new Date().toISOString();
		return {
			id: user.id,
			aud: 'authenticated',
			role: 'authenticated',
			email: user.email,
			app_metadata: { provider: 'email' },
			user_metadata: {},
			created_at: at,
			updated_at: at
		};
	}

	/** The caller's claims, or null when the bearer token is missing, forged or expired. */
	function claimsOf(req: IncomingMessage): Record<string, unknown> | null {
		const header = req.headers.authorization ?? '';
		const token = header.startsWith('Bearer ') ? header.slice(7) : '';
		const claims = verify(token, secret);
		if (!claims || claims.role !== 'authenticated' || expired.has(token)) return null;
		const now = Math.floor(Date.now() / 1000);
		if (typeof claims.exp !== 'number' || claims.exp <= now) return null;
		return claims;
	}

	async function token(req: IncomingMessage, res: ServerResponse, grant: string | null): Promise<void> {
		const body = (await readJson(req)) as Record<string, string>;
		if (grant === 'password') {
			const found = await pool.query<User>(
				`select id::text, email from auth.users
				 where lower(email) = lower($1) and encrypted_password = extensions.crypt($2, encrypted_password)`,
				[body.email ?? '', body.password ?? '']
			);
			const user = found.rows[0];
			if (!user)
				return send(res, 400, {
					error: 'invalid_grant',
					error_description: 'Invalid login credentials',
					code: 'invalid_credentials',
					msg: 'Invalid login credentials'
				});
			return send(res, 200, session(user));
		}
		if (grant === 'refresh_token') {
			const user = refreshTokens.get(body.refresh_token ?? '');
			if (!user)
				return send(res, 400, {
					error: 'invalid_grant',
					error_description: 'Invalid Refresh Token',
					code: 'refresh_token_not_found'
				});
			refreshTokens.delete(body.refresh_token!);
			return send(res, 200, session(user));
		}
		send(res, 400, { error: 'unsupported_grant_type' });
	}

	const setReturning = new Map<string, boolean>();
	/** Whether public.<fn> returns a set of rows (PostgREST answers those with a JSON array). */
	async function returnsSet(fn: string): Promise<boolean> {
		let set = setReturning.get(fn);
		if (set === undefined) {
			const r = await pool.query<{ set: boolean }>(
				`select proretset as set from pg_proc
				 where oid = (select max(oid) from pg_proc where proname = $1 and pronamespace = 'public'::regnamespace)`,
				[fn]
			);
			set = r.rows[0]?.set ?? false;
			setReturning.set(fn, set);
		}
		return set;
	}

	const argumentTypes = new Map<string, Map<string, string>>();
	/** The declared argument types of public.<fn> (one overload: the newest migration's). */
	async function typesOf(fn: string): Promise<Map<string, string>> {
		let types = argumentTypes.get(fn);
		if (!types) {
			const r = await pool.query<{ name: string; type: string }>(
				`select a.name, format_type(a.type, null) as type
				 from pg_proc p, unnest(p.proargnames, p.proargtypes::oid[]) as a(name, type)
				 where p.oid = (select max(oid) from pg_proc where proname = $1 and pronamespace = 'public'::regnamespace)`,
				[fn]
			);
			types = new Map(r.rows.map((row) => [row.name, row.type]));
			argumentTypes.set(fn, types);
		}
		return types;
	}

	async function namedCall(client: pg.PoolClient, fn: string, args: Record<string, unknown>) {
		const types = await typesOf(fn);
		const names = Object.keys(args).filter((name) => types.has(name));
		const values = names.map((name) => {
			const value = args[name];
			return value === null || value === undefined
				? null
				: typeof value === 'object'
					? JSON.stringify(value)
					: String(value);
		});
		const list = names.map((name, i) => `${name} => $${i + 1}::${types.get(name)}`).join(', ');
		if (await returnsSet(fn))
			return client.query(`select coalesce(json_agg(r), '[]'::json) as out from public.${fn}(${list}) r`, values);
		return client.query(`select public.${fn}(${list}) as out`, values);
	}

	async function rpc(req: IncomingMessage, res: ServerResponse, fn: string): Promise<void> {
		const claims = claimsOf(req);
		if (!claims) return send(res, 401, { code: 'PGRST301', message: 'JWT expired', details: null, hint: null });
		const args = (await readJson(req)) as Record<string, unknown>;
		const client = await pool.connect();
		try {
			await client.query('begin');
			await client.query('set local role authenticated');
			await client.query(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify(claims)]);
			const result =
				fn === 'sync_push'
					? await client.query('select public.sync_push($1::uuid, $2::jsonb) as out', [
							args.p_client_id,
							JSON.stringify(args.p_mutations ?? null)
						])
					: fn === 'sync_pull'
						? await client.query('select public.sync_pull($1::text, coalesce($2::int, 500)) as out', [
								args.p_cursor ?? null,
								args.p_limit ?? null
							])
						: await namedCall(client, fn, args);
			await client.query('commit');
			calls[fn] = (calls[fn] ?? 0) + 1;
			send(res, 200, result.rows[0].out);
		} catch (error) {
			await client.query('rollback').catch(() => undefined);
			const e = error as { code?: string; message?: string };
			send(res, e.code === '42501' ? 403 : 400, {
				code: e.code ?? 'XX000',
				message: e.message ?? String(error),
				details: null,
				hint: null
			});
		} finally {
			client.release();
		}
	}

	/**
	 * PostgREST's table route for the few tables the app reaches with from(): a read filtered by
	 * `column=eq.value`, and an upsert on the table's key (Prefer: resolution=merge-duplicates),
	 * both as the signed-in user under row-level security, answering an array, or one object when
	 * the client asks for one (single()/maybeSingle()).
	 */
	async function table(req: IncomingMessage, res: ServerResponse, name: string, url: URL): Promise<void> {
		const claims = claimsOf(req);
		if (!claims) return send(res, 401, { code: 'PGRST301', message: 'JWT expired', details: null, hint: null });
		const key = TABLES.get(name)!;
		const columns = (url.searchParams.get('select') ?? '*').split(',').map((c) => c.trim());
		if (!columns.every((c) => c === '*' || IDENTIFIER.test(c)))
			return send(res, 400, { code: 'PGRST100', message: 'bad select' });
		const list = columns.join(', ');
		const client = await pool.connect();
		try {
			await client.query('begin');
			await client.query('set local role authenticated');
			await client.query(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify(claims)]);
			let rows: unknown[];
			if (req.method === 'GET') {
				const filters = [...url.searchParams.entries()].filter(([k]) => k !== 'select');
				if (!filters.every(([k, v]) => IDENTIFIER.test(k) && v.startsWith('eq.')))
					return send(res, 400, { code: 'PGRST100', message: 'unsupported filter' });
				const where = filters.map(([k], i) => `${k} = $${i + 1}`).join(' and ') || 'true';
				const r = await client.query(
					`select coalesce(json_agg(t), '[]'::json) as out from (select ${list} from public.${name} where ${where}) t`,
					filters.map(([, v]) => v.slice(3))
				);
				rows = r.rows[0].out as unknown[];
			} else if (req.method === 'PATCH') {
				// update(): the body's columns set on the rows the eq filters pick.
				const body = (await readJson(req)) as Record<string, unknown>;
				const filters = [...url.searchParams.entries()].filter(([k]) => k !== 'select');
				const names = Object.keys(body);
				if (
					![...names, ...filters.map(([k]) => k)].every((n) => IDENTIFIER.test(n)) ||
					!filters.every(([, v]) => v.startsWith('eq.'))
				)
					return send(res, 400, { code: 'PGRST100', message: 'unsupported update' });
				const r = await client.query(
					`with w as (update public.${name} t set ${names.map((n) => `${n} = j.${n}`).join(', ')}
					   from json_populate_record(null::public.${name}, $1::json) j
					   where ${filters.map(([k], i) => `t.${k} = $${i + 2}`).join(' and ') || 'true'} returning t.*)
					 select row_to_json(x) as out from (select ${list} from w) x`,
					[JSON.stringify(body), ...filters.map(([, v]) => v.slice(3))]
				);
				rows = r.rows.map((x) => x.out);
			} else {
				const body = await readJson(req);
				const given = (Array.isArray(body) ? body : [body]) as Record<string, unknown>[];
				// insert() is a plain INSERT; upsert() says resolution=merge-duplicates.
				const upsert = String(req.headers.prefer ?? '').includes('merge-duplicates');
				rows = [];
				for (const row of given) {
					const names = Object.keys(row);
					if (!names.every((n) => IDENTIFIER.test(n)))
						return send(res, 400, { code: 'PGRST204', message: 'bad column' });
					const updates = names.filter((n) => n !== key).map((n) => `${n} = excluded.${n}`);
					const conflict = upsert
						? `on conflict (${key}) do ${updates.length ? `update set ${updates.join(', ')}` : 'nothing'}`
						: '';
					const r = await client.query(
						`with w as (insert into public.${name} (${names.join(', ')})
						   select ${names.map((n) => `j.${n}`).join(', ')} from json_populate_record(null::public.${name}, $1::json) j
						   ${conflict}
						   returning *)
						 select row_to_json(t) as out from (select ${list} from w) t`,
						[JSON.stringify(row)]
					);
					rows.push(...r.rows.map((x) => x.out));
				}
			}
			await client.query('commit');
			const one = (req.headers.accept ?? '').includes('vnd.pgrst.object');
			if (!one) return send(res, 200, rows);
			if (rows.length !== 1)
				return send(res, 406, { code: 'PGRST116', message: 'JSON object requested, multiple (or no) rows returned' });
			send(res, 200, rows[0]);
		} catch (error) {
			await client.query('rollback').catch(() => undefined);
			const e = error as { code?: string; message?: string };
			send(res, e.code === '42501' ? 403 : 400, { code: e.code ?? 'XX000', message: e.message ?? String(error) });
		} finally {
			client.release();
		}
	}

	const storageBytes = new Map<string, Buffer>();
	const storageRequests: string[] = [];
	let holding: { arrived: () => void; released: Promise<void> } | null = null;

	/** The Storage API's error body: its own code in statusCode, the HTTP status alongside. */
	function storageError(res: ServerResponse, status: number, error: string, message: string): void {
		send(res, status, { statusCode: String(status), error, message });
	}

	/** What the Storage server answers for a database refusal. */
	function storageFailure(res: ServerResponse, error: unknown): void {
		const e = error as { code?: string; message?: string };
		if (e.code === '23505') return storageError(res, 409, 'Duplicate', 'The resource already exists');
		if (e.code === '42501') return storageError(res, 403, 'Unauthorized', 'new row violates row-level security policy');
		if (e.code === '54000')
			return storageError(res, 413, 'Payload too large', 'The object exceeded the maximum allowed size');
		if (e.code === '22023') return storageError(res, 415, 'invalid_mime_type', e.message ?? 'mime type not supported');
		storageError(res, 500, 'internal', e.message ?? String(error));
	}

	async function asCaller<T>(claims: Record<string, unknown>, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
		const client = await pool.connect();
		try {
			await client.query('begin');
			await client.query('set local role authenticated');
			await client.query(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify(claims)]);
			const result = await fn(client);
			await client.query('commit');
			return result;
		} catch (error) {
			await client.query('rollback').catch(() => undefined);
			throw error;
		} finally {
			client.release();
		}
	}

	async function storage(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
		const claims = claimsOf(req);
		const rest = decodeURIComponent(url.pathname.slice('/storage/v1/object/'.length));
		const log = (status: number) => storageRequests.push(`${req.method} ${rest} ${status}`);
		if (!claims) {
			log(400);
			return storageError(res, 400, 'InvalidJWT', 'jwt expired');
		}
		try {
			if (req.method === 'DELETE') {
				// remove(): DELETE /object/{bucket} with {prefixes: [names]}.
				const bucket = rest;
				const body = (await readJson(req)) as { prefixes?: string[] };
				const names = Array.isArray(body.prefixes) ? body.prefixes : [];
				const gone = await asCaller(claims, (c) =>
					c.query<{ name: string }>(
						`delete from storage.objects where bucket_id = $1 and name = any($2) returning name, id, bucket_id, metadata`,
						[bucket, names]
					)
				);
				for (const row of gone.rows) storageBytes.delete(`${bucket}/${row.name}`);
				log(200);
				return send(res, 200, gone.rows);
			}
			if (req.method === 'POST' && rest.startsWith('list/')) {
				// list(): the entries right under a prefix, folders (id null) and files.
				const bucket = rest.slice('list/'.length);
				const body = (await readJson(req)) as { prefix?: string; limit?: number; offset?: number };
				const prefix = (body.prefix ?? '').replace(/\/+$/, '');
				const found = await asCaller(claims, (c) =>
					c.query<{
						id: string;
						name: string;
						created_at: string;
						updated_at: string;
						last_accessed_at: string;
						metadata: unknown;
					}>(
						`select id, name, created_at, updated_at, last_accessed_at, metadata from storage.objects
						 where bucket_id = $1 and ($2 = '' or name like $2 || '/%') order by name`,
						[bucket, prefix]
					)
				);
				const entries = new Map<string, Record<string, unknown>>();
				for (const row of found.rows) {
					const tail = prefix ? row.name.slice(prefix.length + 1) : row.name;
					const [head, ...more] = tail.split('/');
					if (more.length)
						entries.set(head!, {
							name: head,
							id: null,
							created_at: null,
							updated_at: null,
							last_accessed_at: null,
							metadata: null
						});
					else entries.set(head!, { ...row, name: head });
				}
				const offset = body.offset ?? 0;
				log(200);
				return send(res, 200, [...entries.values()].slice(offset, offset + (body.limit ?? 100)));
			}
			const slash = rest.indexOf('/');
			let bucket = rest.slice(0, slash);
			let name = rest.slice(slash + 1);
			if (bucket === 'authenticated' || bucket === 'public') {
				const inner = name.indexOf('/');
				bucket = name.slice(0, inner);
				name = name.slice(inner + 1);
			}
			const key = `${bucket}/${name}`;
			if (req.method === 'GET') {
				const found = await asCaller(claims, (c) =>
					c.query<{ metadata: { mimetype?: string } | null }>(
						`select metadata from storage.objects where bucket_id = $1 and name = $2`,
						[bucket, name]
					)
				);
				const bytes = storageBytes.get(key);
				if (!found.rows.length || !bytes) {
					log(400);
					return send(res, 400, { statusCode: '404', error: 'not_found', message: 'Object not found' });
				}
				log(200);
				res.writeHead(200, {
					...CORS,
					'content-type': found.rows[0]!.metadata?.mimetype ?? 'application/octet-stream'
				});
				res.end(bytes);
				return;
			}
			if (req.method === 'POST' || req.method === 'PUT') {
				const body = await readBody(req);
				const exists = await pool.query(`select 1 from storage.buckets where id = $1`, [bucket]);
				if (!exists.rowCount) {
					log(404);
					return storageError(res, 404, 'Bucket not found', 'Bucket not found');
				}
				const mime = String(req.headers['content-type'] ?? 'application/octet-stream')
					.split(';')[0]!
					.trim();
				const metadata = {
					eTag: `"${createHash('md5').update(body).digest('hex')}"`,
					size: body.length,
					mimetype: mime,
					cacheControl: String(req.headers['cache-control'] ?? 'max-age=3600'),
					lastModified: new Date().toISOString(),
					contentLength: body.length,
					httpStatusCode: 200
				};
				const upsert = req.method === 'PUT' || req.headers['x-upsert'] === 'true';
				const owner = String(claims.sub);
				// As the Storage server writes: the caller's INSERT (an upsert updates on conflict, which
				// the bucket's policies must allow; PUT is update()).
				const written = await asCaller(claims, (c) =>
					req.method === 'PUT'
						? c.query<{ id: string }>(
								`update storage.objects set metadata = $3, updated_at = now(), version = gen_random_uuid()::text
								 where bucket_id = $1 and name = $2 returning id`,
								[bucket, name, JSON.stringify(metadata)]
							)
						: c.query<{ id: string }>(
								`insert into storage.objects (bucket_id, name, owner, owner_id, metadata, version)
								 values ($1, $2, $3::uuid, $3, $4, gen_random_uuid()::text)
								 ${upsert ? 'on conflict (bucket_id, name) do update set metadata = excluded.metadata, updated_at = now(), version = excluded.version' : ''}
								 returning id`,
								[bucket, name, owner, JSON.stringify(metadata)]
							)
				);
				if (!written.rows.length) {
					log(400);
					return send(res, 400, { statusCode: '404', error: 'not_found', message: 'Object not found' });
				}
				storageBytes.set(key, body);
				if (holding) {
					const hold = holding;
					hold.arrived();
					await hold.released;
				}
				log(200);
				return send(res, 200, { Id: written.rows[0]!.id, Key: key });
			}
			log(405);
			storageError(res, 405, 'method_not_allowed', `no route ${req.method}`);
		} catch (error) {
			const e = error as { code?: string };
			const status =
				e.code === '23505' ? 409 : e.code === '42501' ? 403 : e.code === '54000' ? 413 : e.code === '22023' ? 415 : 500;
			log(status);
			storageFailure(res, error);
		}
	}

	const server = createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://double');
		const route = `${req.method} ${url.pathname}`;
		if (req.method === 'OPTIONS') {
			res.writeHead(204, CORS);
			return res.end();
		}
		const work = (async () => {
			if (route === 'POST /auth/v1/token') return token(req, res, url.searchParams.get('grant_type'));
			if (route === 'GET /auth/v1/user') {
				const claims = claimsOf(req);
				if (!claims) return send(res, 401, { code: 401, msg: 'invalid JWT' });
				return send(res, 200, userJson({ id: String(claims.sub), email: String(claims.email) }));
			}
			if (route === 'POST /auth/v1/logout') {
				res.writeHead(204, CORS);
				return res.end();
			}
			if (route === 'POST /auth/v1/otp') {
				const body = (await readJson(req)) as { email?: string };
				otpRequests.push(body.email ?? '');
				return send(res, 200, {});
			}
			if (url.pathname.startsWith('/storage/v1/object/')) return storage(req, res, url);
			const tableMatch = /^(GET|POST|PATCH) \/rest\/v1\/([a-z_]+)$/.exec(route);
			if (tableMatch && TABLES.has(tableMatch[2]!)) return table(req, res, tableMatch[2]!, url);
			const rpcMatch = /^POST \/rest\/v1\/rpc\/([a-z_]+)$/.exec(route);
			if (rpcMatch && (RPC_FUNCTIONS.has(rpcMatch[1]!) || NAMED_RPC_FUNCTIONS.has(rpcMatch[1]!)))
				return rpc(req, res, rpcMatch[1]!);
			send(res, 404, { message: `no route ${route}` });
		})();
		work.catch((error) => send(res, 500, { message: String(error) }));
	});
	await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;

	return {
		url: `http://127.0.0.1:${port}`,
		otpRequests,
		calls,
		expireTokens() {
			for (const token of issued) expired.add(token);
		},
		storage: {
			bytes: storageBytes,
			requests: storageRequests,
			holdUploads() {
				let arrived!: () => void;
				let release!: () => void;
				const arrival = new Promise<void>((resolve) => (arrived = resolve));
				const released = new Promise<void>((resolve) => (release = resolve));
				holding = { arrived, released };
				return {
					arrived: arrival,
					release: () => {
						holding = null;
						release();
					}
				};
			}
		},
		async close() {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
			await pool.end();
		}
	};
}

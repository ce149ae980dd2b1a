// The first administrator of a new deployment, without SQL (README, docs/self-hosting.md):
//   DATABASE_URL=postgresql://postgres:…@host:5432/postgres npm run admin:create -- --email a@b.ru --name "ФИО"
// Calls private.bootstrap_admin (supabase/migrations/20261122000300_invitations.sql): the profile,
// an administrator's membership of the first region (made as «Регион» if there is none), and the
// account linked if one with that e-mail is already confirmed. Run it again and nothing changes.
// Says what happened in Russian; exit code 0 when the person is an administrator, 1 when the
// database refused or could not be reached, 2 when the command itself is wrong.
import { parseArgs } from 'node:util';
import pg from 'pg';

const USAGE = `Как вызвать:
  DATABASE_URL="postgresql://postgres:ПАРОЛЬ@СЕРВЕР:5432/postgres" npm run admin:create -- --email адрес@пример.ru --name "Фамилия Имя Отчество"
DATABASE_URL — строка подключения к базе приложения от имени роли, которой принадлежит схема (postgres).`;

function fail(message, code) {
	console.error(message);
	process.exit(code);
}

let options;
try {
	options = parseArgs({
		options: { email: { type: 'string' }, name: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
		strict: true
	}).values;
} catch (error) {
	fail(`Ошибка в команде: ${error.message}\n\n${USAGE}`, 2);
}
if (options.help) {
	console.log(USAGE);
	process.exit(0);
}
const email = options.email?.trim();
const name = options.name?.trim();
if (!email || !name) fail(`Нужны оба параметра: --email и --name.\n\n${USAGE}`, 2);
if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) fail(`«${email}» не похож на адрес электронной почты.`, 2);
if (!process.env.DATABASE_URL) fail(`Не задана переменная DATABASE_URL.\n\n${USAGE}`, 2);

const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
try {
	await client.connect();
} catch (error) {
	fail(`Не удалось подключиться к базе данных: ${error.message}`, 1);
}
try {
	// Whether this e-mail was an administrator already, so the answer says what changed.
	const before = await client.query(
		`select exists (
		   select 1 from public.profiles p join public.memberships m on m.profile_id = p.id
		   where lower(p.email) = lower($1) and p.deleted_at is null and m.role = 'admin' and m.deleted_at is null
		 ) as admin`,
		[email]
	);
	const made = await client.query(`select private.bootstrap_admin($1, $2) as profile_id`, [email, name]);
	const profileId = made.rows[0].profile_id;
	const { rows } = await client.query(
		`select p.full_name, p.email, p.user_id is not null as linked, o.name as region
		 from public.profiles p
		 join public.memberships m on m.profile_id = p.id and m.role = 'admin' and m.deleted_at is null
		 join public.organizations o on o.id = m.organization_id
		 where p.id = $1
		 order by m.updated_at limit 1`,
		[profileId]
	);
	const admin = rows[0];
	console.log(
		before.rows[0].admin
			? `${admin.full_name} (${admin.email}) уже администратор региона «${admin.region}»: ничего не изменено.`
			: `Готово: ${admin.full_name} (${admin.email}) — администратор региона «${admin.region}».`
	);
	console.log(
		admin.linked
			? 'Учётная запись с этим адресом уже есть и привязана: войдите в приложение как обычно.'
			: 'Теперь откройте приложение, «Вход», введите этот адрес и нажмите «Получить ссылку для входа»: ссылка из письма впустит администратора.'
	);
	console.log(`profile_id: ${profileId}`);
} catch (error) {
	const reason =
		error.code === '22023'
			? 'база данных не приняла адрес электронной почты'
			: error.code === '42883' || error.code === '3F000'
				? 'в базе нет функции private.bootstrap_admin — сначала примените миграции (npx supabase db push)'
				: error.code === '42501'
					? 'у этой роли нет прав: подключайтесь от имени владельца схемы (postgres)'
					: error.message;
	fail(`Администратор не создан: ${reason}.`, 1);
} finally {
	await client.end();
}

/** The header row of a staff import file (docs/staff-import.md). */
export const HEADER =
	'ФИО;ОО;Дата рождения;Педагогический стаж;Образование;Квалификационная категория;Срок действия категории;Предмет;E-mail';

/**
 * A staff list of `n` teachers of «СОШ № 1», for tests and the bench: every row valid, a third
 * without e-mail, categories and education varied.
 */
export function staffCsv(n: number): string {
	const lines = [HEADER];
	for (let i = 0; i < n; i++) {
		const day = String((i % 28) + 1).padStart(2, '0');
		const year = 1960 + (i % 45);
		const category = ['высшая', 'первая', 'соответствие занимаемой должности', 'без категории'][i % 4]!;
		const expiry = category === 'без категории' ? '' : '31.05.2029';
		const email = i % 3 === 0 ? '' : `teacher${i}@school.ru`;
		lines.push(
			`Учитель${i} Иван Петрович;СОШ № 1;${day}.03.${year};${i % 30};${i % 5 ? 'высшее' : 'среднее профессиональное'};${category};${expiry};"математика, физика";${email}`
		);
	}
	return lines.join('\r\n');
}

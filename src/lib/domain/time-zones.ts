/**
 * The IANA time zones of Russia (tzdata's zone1970.tab, country RU), west to east, with their
 * offset from UTC in hours. The offsets are today's (unchanged since 2020) and serve only the
 * labels; dates are always computed by the platform from the zone's name (dates.ts dateInZone).
 */
export const RUSSIAN_TIME_ZONES = [
	{ zone: 'Europe/Kaliningrad', utc: 2 },
	{ zone: 'Europe/Moscow', utc: 3 },
	{ zone: 'Europe/Simferopol', utc: 3 },
	{ zone: 'Europe/Kirov', utc: 3 },
	{ zone: 'Europe/Volgograd', utc: 3 },
	{ zone: 'Europe/Astrakhan', utc: 4 },
	{ zone: 'Europe/Saratov', utc: 4 },
	{ zone: 'Europe/Ulyanovsk', utc: 4 },
	{ zone: 'Europe/Samara', utc: 4 },
	{ zone: 'Asia/Yekaterinburg', utc: 5 },
	{ zone: 'Asia/Omsk', utc: 6 },
	{ zone: 'Asia/Novosibirsk', utc: 7 },
	{ zone: 'Asia/Barnaul', utc: 7 },
	{ zone: 'Asia/Tomsk', utc: 7 },
	{ zone: 'Asia/Novokuznetsk', utc: 7 },
	{ zone: 'Asia/Krasnoyarsk', utc: 7 },
	{ zone: 'Asia/Irkutsk', utc: 8 },
	{ zone: 'Asia/Chita', utc: 9 },
	{ zone: 'Asia/Yakutsk', utc: 9 },
	{ zone: 'Asia/Khandyga', utc: 9 },
	{ zone: 'Asia/Vladivostok', utc: 10 },
	{ zone: 'Asia/Ust-Nera', utc: 10 },
	{ zone: 'Asia/Magadan', utc: 11 },
	{ zone: 'Asia/Sakhalin', utc: 11 },
	{ zone: 'Asia/Srednekolymsk', utc: 11 },
	{ zone: 'Asia/Kamchatka', utc: 12 },
	{ zone: 'Asia/Anadyr', utc: 12 }
] as const;
export type RussianTimeZone = (typeof RUSSIAN_TIME_ZONES)[number]['zone'];

/** Hours ahead of Moscow time, as Russians label zones (МСК+4 is 4); null for a zone not in the list. */
export function hoursFromMoscow(zone: string): number | null {
	const found = RUSSIAN_TIME_ZONES.find((z) => z.zone === zone);
	return found ? found.utc - 3 : null;
}

/** The Russian zone a text names, whatever its case ('asia/novokuznetsk'); null when none. */
export function russianZoneNamed(text: string): RussianTimeZone | null {
	const wanted = text.trim().toLowerCase();
	return RUSSIAN_TIME_ZONES.find((z) => z.zone.toLowerCase() === wanted)?.zone ?? null;
}

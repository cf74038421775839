const pad = (value: number) => String(value).padStart(2, '0');

/** '2026-11-27T08:05:00.000Z' → '2026-11-27 16:05' in the device's time zone. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}`
  );
}

export default async function teardown(): Promise<void> {
  const server = (globalThis as Record<string, unknown>).__HOTLINE_MARIADB__ as { stop(): Promise<void> } | undefined;
  await server?.stop();
}

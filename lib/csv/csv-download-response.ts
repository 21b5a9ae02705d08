/** Lines of CSV from an async generator as a streamed download, so a long export never sits in memory. */
export function csvDownloadResponse(lines: AsyncGenerator<string>, fileName: string): Response {
  const body = new ReadableStream<string>({
    async pull(controller) {
      const next = await lines.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel() {
      await lines.return(undefined);
    },
  }).pipeThrough(new TextEncoderStream());
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "no-store",
    },
  });
}

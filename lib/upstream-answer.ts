/**
 * Server only: checks what the products API answered before the browser gets it.
 *
 * The API is the authority on what a user may see, but not on what our pages
 * can render: a 2xx of another shape (`{"items":[]}`, `"ok"`, `null`, a name
 * that is an object) would crash /products. Such an answer becomes a 502 the
 * page can explain, and only the fields the pages know are passed on.
 */
import './server-only';
import { z } from 'zod';

export type UpstreamAnswer = { status: number; body: unknown };

/** How every error answer looks, ours and the API's. */
const errorAnswerSchema = z.object({
  error: z.string(),
  message: z.string(),
  fieldErrors: z.record(z.string(), z.array(z.string())).optional(),
});

export function checkUpstreamAnswer(
  { status, body }: UpstreamAnswer,
  successSchema: z.ZodType,
  what: string,
): UpstreamAnswer {
  const ok = status >= 200 && status < 300;
  const parsed = (ok ? successSchema : errorAnswerSchema).safeParse(body);
  if (parsed.success) return { status, body: parsed.data };

  // For whoever runs the app: where the answer differs, not the data itself.
  const issue = parsed.error.issues[0];
  console.error(
    `[products-api] ${what} answered ${status} with an unexpected body: ${issue?.message} at "${issue?.path.join('.')}"`,
  );
  return {
    status: 502,
    body: {
      error: 'upstream_invalid_response',
      message: 'The products API sent an answer this app does not understand.',
    },
  };
}

import type { Request, RequestHandler, Response } from 'express';
import type { z } from 'zod';
import { ValidationError, type FieldErrors } from '../errors';
import { fieldErrors } from '../routes/validasi';

/** How a form page shows itself again (the status is already 422): its errors, and the values as typed. */
export type TampilkanForm = (req: Request, res: Response, galat: { errors: FieldErrors; values: Record<string, unknown> }) => unknown;

/**
 * The one validation path of a form. The body is parsed with the form's zod schema (Indonesian
 * messages, cross-field rules in superRefine) and the handler gets the typed input. A schema error,
 * or a ValidationError the service throws for a rule that needs the database, shows the form again
 * with 422: every message beside its field, the values as typed. Nothing was changed.
 */
export function validate<S extends z.ZodType>(
  schema: S,
  tampilkan: TampilkanForm,
  handler: (req: Request, res: Response, input: z.infer<S>) => Promise<unknown>,
): RequestHandler {
  return async (req, res) => {
    const values: Record<string, unknown> = typeof req.body === 'object' && req.body !== null ? req.body : {};
    try {
      const r = await schema.safeParseAsync(values);
      if (!r.success) throw new ValidationError(fieldErrors(r.error));
      await handler(req, res, r.data);
    } catch (e) {
      if (!(e instanceof ValidationError) || res.headersSent) throw e;
      res.status(422);
      await tampilkan(req, res, { errors: e.errors, values });
    }
  };
}

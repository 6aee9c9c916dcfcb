import { z } from 'zod';

/** The "Mark as done" / "Mark as not done" button: which way the mark should go. */
export const markProgressSchema = z.object({
  done: z.enum(['true', 'false'], { error: 'forms.invalid' }).transform((value) => value === 'true'),
});
export type MarkProgressInput = z.infer<typeof markProgressSchema>;

import { z } from 'zod';

/** Deleting one's account: the password confirms it is the person themselves. */
export const deleteAccountSchema = z.object({
  password: z.string({ error: 'forms.required' }).min(1, 'forms.required'),
});

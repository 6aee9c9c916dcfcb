import { z } from 'zod';

/** The upload form's text fields; the file itself is checked by its content in the service. */
export const uploadMaterialSchema = z.object({
  title: z.string({ error: 'forms.required' }).trim().min(1, 'forms.required').max(200, 'forms.tooLong'),
});
export type UploadMaterialInput = z.infer<typeof uploadMaterialSchema>;

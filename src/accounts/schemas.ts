import { z } from 'zod';
import { LANGUAGES } from '../shared/i18n/index.js';
import { SECTORS } from './company.model.js';

export { SECTORS };
import { isValidOrgNumber, normaliseOrgNumber } from './org-number.js';
import { ROLES } from './user.model.js';

const required = (max = 200) => z.string({ error: 'forms.required' }).trim().min(1, 'forms.required').max(max, 'forms.tooLong');
const email = z.string({ error: 'forms.required' }).trim().toLowerCase().min(1, 'forms.required')
  .pipe(z.email('forms.email'));
const password = z.string({ error: 'forms.required' }).min(1, 'forms.required');

/** What the company form and registration ask about a company, besides its organisation number. */
const companyDetails = {
  companyName: required(),
  municipality: required(100),
  sector: z.enum(SECTORS, { error: 'forms.choose' }),
  employees: z.string({ error: 'forms.required' }).trim().min(1, 'forms.required')
    .pipe(z.coerce.number<string>({ error: 'forms.number' }).int('forms.number').min(0, 'forms.number').max(100000, 'forms.number')),
  website: z.string().trim().max(300, 'forms.tooLong')
    .transform((value) => (value && !/^https?:\/\//i.test(value) ? `https://${value}` : value))
    .pipe(z.union([z.literal(''), z.url({ protocol: /^https?$/, error: 'forms.url' })]))
    .optional(),
};

export const registerSchema = z.object({
  name: required(),
  email,
  password,
  companyName: companyDetails.companyName,
  orgNumber: z.string({ error: 'forms.required' }).trim().min(1, 'forms.required')
    .refine(isValidOrgNumber, 'accounts.orgNumberInvalid').transform(normaliseOrgNumber),
  municipality: companyDetails.municipality,
  sector: companyDetails.sector,
  employees: companyDetails.employees,
  website: companyDetails.website,
  language: z.enum(LANGUAGES).default('nb'),
  // The box on the form: a person is registered only once they have seen the privacy notice.
  acceptPrivacy: z.literal('yes', { error: 'privacy.consentRequired' }),
});
export type RegisterInput = z.infer<typeof registerSchema>;

export const companyDetailsSchema = z.object(companyDetails);
export type CompanyDetailsInput = z.infer<typeof companyDetailsSchema>;

export const loginSchema = z.object({ email, password });

export const forgotPasswordSchema = z.object({ email });

export const choosePasswordSchema = z.object({
  password,
  confirm: z.string({ error: 'forms.required' }),
}).refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'accounts.password.mismatch' });

export const inviteColleagueSchema = z.object({ name: required(), email });

export const assignRolesSchema = z.object({
  roles: z.preprocess((v) => (v === undefined ? [] : [v].flat()), z.array(z.enum(ROLES, { error: 'forms.choose' }))),
});

export const profileDetailsSchema = z.object({ name: required(), language: z.enum(LANGUAGES, { error: 'forms.choose' }) });

export const changePasswordSchema = z.object({ currentPassword: password, newPassword: password });

export const changeEmailSchema = z.object({ newEmail: email, emailPassword: password });

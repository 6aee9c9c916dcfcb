import type { Express } from 'express';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent.js';

export type Agent = InstanceType<typeof TestAgent>;

/** The CSRF token of the first form on a page. */
export function csrfFrom(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('no CSRF token on the page');
  return match[1];
}

/** GETs a page with a form and returns its CSRF token, keeping the agent's cookies. */
export async function formToken(agent: Agent, path: string): Promise<string> {
  const page = await agent.get(path).expect(200);
  return csrfFrom(page.text);
}

/** Submits a form the way a browser does: fetches the page for its token, then posts. */
export async function submitForm(agent: Agent, pagePath: string, fields: Record<string, string | string[]>, actionPath = pagePath) {
  const _csrf = await formToken(agent, pagePath);
  return agent.post(actionPath).type('form').send({ ...fields, _csrf });
}

/** A signed-in browser-like agent. */
export async function signIn(app: Express, email: string, password: string): Promise<Agent> {
  const agent = request.agent(app);
  const response = await submitForm(agent, '/login', { email, password });
  if (response.status !== 302) throw new Error(`login failed for ${email}: ${response.status}`);
  return agent;
}

export const newAgent = (app: Express): Agent => request.agent(app);

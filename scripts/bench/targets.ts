/** The pages `npm run bench` measures; later features add theirs here. */
export const benchTargets = {
  /** Prepares whatever the targets need after the demo seed; returns the account to sign in as. */
  async prepare(accounts: Array<{ email: string; roles: string }>): Promise<{ seedEmail: string }> {
    const participant = accounts.find((a) => a.roles.startsWith('participant'));
    if (!participant) throw new Error('the seed made no participant');
    return { seedEmail: participant.email };
  },
  list(): Array<{ name: string; path: string; signedIn: boolean }> {
    return [
      { name: 'GET / (anonymous)', path: '/', signedIn: false },
      { name: 'GET /dashboard (signed in)', path: '/dashboard', signedIn: true },
    ];
  },
};

"""Business rules, one package per area; views, the API, Open311, the CLI and jobs call these functions.

- cases/       a case's life: intake, the action service (actions, effects, locking, lookups for guards),
               legal clocks (deadlines, deadline_settings, sweep), scope, identity, matching, queues,
               records, the case file, attachments, audit trail
- reception/   the desk: reception sessions, the desk's reads, the citizen's tracking and online letters
- documents/   official documents: issuing and numbering, their text, bodies, composer and DOCX
- oversight/   inspectors: prolonged cases, inspections of one case, inspection rounds
- engagement/  heads' reception schedules and minimums, public dialogues, ratings, register, legal aid
- notices/     notifications (who hears of what), the inbox, e-mail composition and SMTP
- reports/     the statistical forms, their queries, periods and exports, the national export
- accounts/    units, users, passwords, tokens, login, administration of units and users

Services flush and never commit: the request, command or job commits through caseflow.transaction.
"""

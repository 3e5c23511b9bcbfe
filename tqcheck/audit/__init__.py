"""``tqcheck audit``: check a whole archive of document pairs, on this machine or on a Ray cluster.

manifest (``manifest``) -> pairs -> engine (``engines``: local process pool or Ray Data) runs the unit of work
(``work``: ``tqcheck check`` on one pair, report written atomically into ``store``'s layout) -> one small
``DocResult`` per pair -> corpus aggregation (``aggregate``) -> ``summary`` -> summary.json and summary.html
(``html``). ``run.run_audit`` ties them together.
"""

from tqcheck.audit.run import AuditOutcome, run_audit

__all__ = ["AuditOutcome", "run_audit"]

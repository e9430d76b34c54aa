"""Reader tips (issue 16): the public "suggest a claim to check" form, guarded against abuse
without third-party captchas (a per-address limit, a honeypot field, size caps, duplicate
folding), and the desk's inbox where staff turn a tip into a claim or dismiss it. Readers'
contact details are never public and are deleted after TIP_CONTACT_DAYS (purge.py)."""

"""gunicorn, the production server: `gunicorn -c gunicorn.conf.py` (deploy/systemd/foodsafe.service).

Each value can be changed in /etc/foodsafe/env without editing this file.
"""

import multiprocessing
import os

wsgi_app = "foodsafe.wsgi:application"
# Only nginx on this machine talks to gunicorn.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# Sync workers: each handles one request at a time, and nginx buffers slow phones, so a worker is
# never held by a slow client. 2 × cores + 1, at most 8: each worker holds ~150 MB (WeasyPrint).
workers = int(os.environ.get("GUNICORN_WORKERS", min(2 * multiprocessing.cpu_count() + 1, 8)))
# The year-end PDF and a 5,000-row Excel import take seconds, not minutes; past this a worker
# that hangs is killed and restarted (nginx's proxy_read_timeout is a little longer).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 120))
graceful_timeout = 30
keepalive = 5
# Start fresh workers now and then, so a slow leak in a library never grows without bound.
max_requests = 1000
max_requests_jitter = 100
# The heartbeat file on tmpfs: a busy disk (a backup running) must not make workers look dead.
worker_tmp_dir = "/dev/shm"

# Django logs each request itself, with its request id and user (LOG_REQUESTS); gunicorn's own
# messages (start, worker restarts, timeouts) go to stderr, which systemd keeps in the journal.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
capture_output = False

# systemctl controls the service; no control socket in the service user's home.
control_socket_disable = True

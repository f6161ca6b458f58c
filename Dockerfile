# One image for the web service and the workers.
# The parsers' sandbox (bubblewrap) needs user namespaces: Docker's default seccomp profile
# refuses them, so run the containers with `--security-opt seccomp=unconfined` (or a profile
# that allows unshare and clone with CLONE_NEWUSER); Guichet refuses to start without them.

# The État's design system (DSFR) from the npm registry, served by the app itself.
FROM node:20-bookworm-slim AS assets
WORKDIR /assets
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund --omit=dev  # axe-core is for the tests only

FROM python:3.11-slim-bookworm

RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      tesseract-ocr tesseract-ocr-fra tesseract-ocr-osd \
      poppler-utils qpdf ghostscript libreoffice-writer-nogui bubblewrap \
      fonts-dejavu fonts-liberation fonts-crosextra-carlito fonts-crosextra-caladea \
 && rm -rf /var/lib/apt/lists/*

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    GUICHET_DATA_DIR=/data GUICHET_CACHE_DIR=/data/cache GUICHET_DSFR_DIR=/app/dsfr \
    OMP_THREAD_LIMIT=1 HOME=/tmp

WORKDIR /app
COPY requirements.lock ./
RUN pip install --no-cache-dir --require-hashes -r requirements.lock
COPY pyproject.toml README.md ./
COPY extractors ./extractors
COPY schemas ./schemas
COPY worker ./worker
COPY service ./service
COPY guichet_cli ./guichet_cli
RUN pip install --no-cache-dir --no-deps .
COPY --from=assets /assets/node_modules/@gouvfr/dsfr/dist /app/dsfr

RUN useradd --system --home /data guichet && mkdir -p /data && chown guichet /data
USER guichet
VOLUME ["/data"]
EXPOSE 8000
ENTRYPOINT ["guichet"]
CMD ["serve", "--host", "0.0.0.0", "--port", "8000"]

# syntax=docker/dockerfile:1
# One image serving the API and the SPA. On its own: the SQLite file and the evidence documents (/data/evidence) on a
# volume at /data. Hosted (DATABASE_URL=postgres://...): the database elsewhere, the evidence on a shared volume.

FROM node:20-bookworm-slim AS build
# better-sqlite3 compiles from source when no prebuilt binary can be fetched.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml .npmrc ./
COPY apps/api/package.json apps/api/
COPY apps/web/package.json apps/web/
COPY packages/contracts/package.json packages/contracts/
COPY packages/db/package.json packages/db/
RUN npx -y pnpm@10.34.9 install --frozen-lockfile
COPY . .
RUN npx -y pnpm@10.34.9 build \
 && npx -y pnpm@10.34.9 --filter @lrt/api deploy --legacy --prod /out/apps/api \
 && cp -r apps/api/dist /out/apps/api/dist \
 && mkdir -p /out/apps/web && cp -r apps/web/dist /out/apps/web/dist \
 && cp -r migrations /out/migrations

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATABASE_PATH=/data/tracker.db
# The board report's charts are drawn on the server: without a font, resvg draws them with no words at all.
RUN apt-get update && apt-get install -y --no-install-recommends fonts-dejavu-core && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /out/ ./
# /evidence: the shared evidence folder of the hosted deployment (docker compose --profile postgres).
RUN mkdir -p /data /evidence && chown -R node:node /data /evidence
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["node", "apps/api/dist/server.js"]

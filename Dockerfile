# thidua — one application instance. Build: docker build -t thidua .   (see README, "Several instances on one PostgreSQL")
# Node 24, the active LTS (engines: ^20.19 || ^22.13 || ^24.11; CI tests 20, 22 and 24, see README "Node.js versions").

# --- build: compile TypeScript, then keep the production dependencies only ----------------------------------------
FROM node:24-bookworm AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
RUN npx tsc -p tsconfig.json && npm prune --omit=dev --no-audit --no-fund

# --- run ------------------------------------------------------------------------------------------------------------
FROM node:24-bookworm-slim
# MALLOC_MMAP_THRESHOLD_: glibc serves large blocks (argon2's 19 MiB per password check) from fresh mappings returned
# on free; without it each libuv thread that checked a password keeps ~19 MiB for good (see README, Benchmarks).
# MALLOC_TRIM_THRESHOLD_: setting the first fixes glibc's trim threshold at 128 KiB, and the heap's top was then given
# back and taken again on nearly every request (SQLite's temporary B-trees): 1 MiB keeps reads 3-4x cheaper.
# --max-old-space-size=192: V8 otherwise lets garbage gather to ~200 MB of heap under load (peak RSS 270-350 MB);
# with it the peak stays near 190 MB at no measurable CPU cost, and the national exports still fit (README).
ENV NODE_ENV=production \
    MALLOC_MMAP_THRESHOLD_=1048576 \
    MALLOC_TRIM_THRESHOLD_=1048576 \
    NODE_OPTIONS=--max-old-space-size=192 \
    PORT=3000 \
    HOST=0.0.0.0 \
    DATA_DIR=/var/lib/thidua \
    TRUST_PROXY=true \
    SHUTDOWN_DRAIN_SECONDS=5
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist/src ./dist/src
# The pages' scripts and styles are served from the sources' folder (no build step for the browser).
COPY --from=build /app/src/web/static ./src/web/static
RUN mkdir -p /var/lib/thidua && chown node:node /var/lib/thidua
USER node
EXPOSE 3000
# Liveness: the process answers (the balancer uses /api/health/ready, which also checks the database).
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/api/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
STOPSIGNAL SIGTERM
CMD ["node", "dist/src/main.js"]

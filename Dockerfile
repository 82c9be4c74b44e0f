# syntax=docker/dockerfile:1

# --- build: compile TypeScript with the dev dependencies ---
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-fund --no-audit
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY bots ./bots
COPY jobs ./jobs
COPY migrations ./migrations
RUN npm run build

# --- runtime: production dependencies and the compiled output only ---
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
# onnxruntime-node (the optional injection classifier) ships CPU builds for every platform: keep
# this image's own.
RUN npm ci --omit=dev --no-fund --no-audit && npm cache clean --force \
 && ort=node_modules/onnxruntime-node/bin/napi-v6 \
 && if [ -d "$ort" ]; then find "$ort" -mindepth 2 -maxdepth 2 ! -path "$ort/linux/$(node -p process.arch)" -exec rm -rf {} +; fi
COPY --from=build /app/dist ./dist
COPY policies.example.yml ./policies.example.yml
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# --role web or --role worker runs one role; without it both run in this process.
ENTRYPOINT ["node", "dist/src/main.js"]

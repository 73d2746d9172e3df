# qwen35-proxy container image, in two stages:
#   build    Debian 12 with the build packages of scripts/setup, scripts/build-pgo (the release
#            build with profile-guided optimisation, trained on loopback traffic), cmake --install
#   runtime  debian:12-slim with the shared libraries only, running as an unprivileged user
# scripts/check-packaging checks the package lists below against apt and scripts/setup.
#
#   docker build -t qwen35-proxy .
#   docker run -p 9000:9000 -p 9464:9464 -e QWEN35RP_TARGET=http://vllm:8000 qwen35-proxy
# Settings are QWEN35RP_* variables (docs/configuration.md); a set variable wins over a flag.

FROM debian:12 AS build
# The build subset of scripts/setup's packages (no test, fuzz, benchmark or end-to-end tools; curl
# drives the training run of scripts/build-pgo).
ARG BUILD_PACKAGES="build-essential cmake ninja-build ccache pkg-config git libboost1.81-dev libsimdjson-dev libspdlog-dev libfmt-dev libcli11-dev libtomlplusplus-dev libsystemd-dev libgoogle-perftools-dev curl"
RUN apt-get update -q \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends ${BUILD_PACKAGES} \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# .git is part of the context on purpose: --version reports the commit.
COPY . .
RUN scripts/build-pgo -DQWEN35_BENCH=OFF \
 && cmake --install build/pgo --prefix /opt/qwen35-proxy

FROM debian:12-slim AS runtime
ARG RUNTIME_PACKAGES="libspdlog1.10 libfmt9 libsimdjson14 libsystemd0 libtomlplusplus3 libtcmalloc-minimal4"
RUN apt-get update -q \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends ${RUNTIME_PACKAGES} \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin qwen35-proxy
COPY --from=build /opt/qwen35-proxy/bin/qwen35-proxy /usr/local/bin/qwen35-proxy
COPY --from=build /opt/qwen35-proxy/share/qwen35-proxy /usr/local/share/qwen35-proxy
USER qwen35-proxy
# Inside a container both listeners must be reachable from outside it.
ENV QWEN35RP_LISTEN=0.0.0.0 \
    QWEN35RP_PORT=9000 \
    QWEN35RP_METRICS_LISTEN=0.0.0.0:9464
EXPOSE 9000 9464
# GET /health is answered by the proxy itself (the backend is not asked); no curl in the image.
HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${QWEN35RP_PORT:-9000} && printf 'GET /health HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["/usr/local/bin/qwen35-proxy"]

# Vision Streams images: builds the modules with Maven, runs them on a JRE.
# docker build -t vision-streams .                  the service (run, models): no broker, no JMH, no FFmpeg
# docker build --target tools -t vision-tools .     the command line (produce, consume, replay, evaluate, demo, ...)
# docker build --target service-gpu -t vision-streams-gpu .   the service on ONNX Runtime's CUDA provider (docs/engines.md)
# (see docker-compose.yml for the whole stack)
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml ./
COPY .mvn ./.mvn
COPY contracts/pom.xml contracts/
COPY embedded-kafka/pom.xml embedded-kafka/
COPY service/pom.xml service/
COPY tools/pom.xml tools/
COPY bench/pom.xml bench/
COPY dist/pom.xml dist/
COPY schemas ./schemas
COPY contracts/src contracts/src
COPY embedded-kafka/src embedded-kafka/src
COPY service/src service/src
COPY tools/src tools/src
COPY bench/src bench/src
RUN mvn -B -q -DskipTests package

# The same modules built with -Pgpu: ONNX Runtime's CUDA build (onnxruntime_gpu) instead of the CPU one.
FROM build AS build-gpu
RUN mvn -B -q -DskipTests -Pgpu package -pl service -am

FROM eclipse-temurin:17-jre AS runtime
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends curl libturbojpeg0 && rm -rf /var/lib/apt/lists/*
# Runs as an unprivileged user; /cache and /state belong to it (new named volumes inherit that),
# the application's own files do not. DJL unpacks the MXNet natives under its home.
RUN useradd --system --uid 10001 --user-group --create-home --home-dir /home/vision vision \
    && mkdir -p /cache /state && chown vision:vision /cache /state
WORKDIR /app
ENV MXNET_ENGINE_TYPE=NaiveEngine \
    OMP_NUM_THREADS=1 \
    VISION_MODELS_DIR=/models \
    VISION_MODELS_CACHE=/cache \
    JAVA_TOOL_OPTIONS="-Xmx4g"
VOLUME ["/cache", "/state"]

# GPU: NVIDIA's CUDA 12 + cuDNN 9 runtime (what onnxruntime_gpu 1.23 loads: libcudart.so.12, libcudnn.so.9),
# a JRE on top. vision.engine=onnxruntime, vision.device=gpu: start-up fails with one line if the driver,
# the device or a library is missing (never a CPU fallback). One worker per GPU, larger batches (Triton's advice).
FROM nvidia/cuda:12.6.3-cudnn-runtime-ubuntu24.04 AS service-gpu
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless curl libturbojpeg0 \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --user-group --create-home --home-dir /home/vision vision \
    && mkdir -p /cache /state && chown vision:vision /cache /state
WORKDIR /app
ENV VISION_ENGINE=onnxruntime \
    VISION_DEVICE=gpu \
    VISION_BATCH_WORKERS=1 \
    VISION_BATCH_MAX_SIZE=32 \
    OMP_NUM_THREADS=1 \
    VISION_MODELS_DIR=/models \
    VISION_MODELS_CACHE=/cache \
    JAVA_TOOL_OPTIONS="-Xmx4g"
VOLUME ["/cache", "/state"]
COPY --from=build-gpu /src/service/target/vision-streams-service.jar /app/vision-streams-service.jar
COPY --from=build-gpu /src/service/target/lib /app/lib
USER 10001:10001
ENTRYPOINT ["java", "-jar", "/app/vision-streams-service.jar"]
CMD ["run"]

FROM runtime AS tools
COPY --from=build /src/dist/target/vision-streams.jar /app/vision-streams.jar
COPY --from=build /src/dist/target/lib /app/lib
USER 10001:10001
ENTRYPOINT ["java", "-jar", "/app/vision-streams.jar"]
CMD ["--help"]

FROM runtime AS service
COPY --from=build /src/service/target/vision-streams-service.jar /app/vision-streams-service.jar
COPY --from=build /src/service/target/lib /app/lib
USER 10001:10001
ENTRYPOINT ["java", "-jar", "/app/vision-streams-service.jar"]
CMD ["run"]

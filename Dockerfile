# Vision Streams images: builds the modules with Maven, runs them on a JRE.
# docker build -t vision-streams .                  the service (run, models): no broker, no JMH, no FFmpeg
# docker build --target tools -t vision-tools .     the command line (produce, consume, replay, evaluate, demo, ...)
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

# Vision Streams image: builds the jar with Maven, runs it on a JRE.
# docker build -t vision-streams .    (see docker-compose.yml for the whole stack)
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml ./
RUN mvn -B -q dependency:go-offline || true
COPY schemas ./schemas
COPY src ./src
RUN mvn -B -q -DskipTests package

FROM eclipse-temurin:17-jre
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends curl libturbojpeg0 && rm -rf /var/lib/apt/lists/*
# Runs as an unprivileged user; /cache and /state belong to it (new named volumes inherit that),
# the application's own files do not. DJL unpacks the MXNet natives under its home.
RUN useradd --system --uid 10001 --user-group --create-home --home-dir /home/vision vision \
    && mkdir -p /cache /state && chown vision:vision /cache /state
WORKDIR /app
COPY --from=build /src/target/vision-streams.jar /app/vision-streams.jar
COPY --from=build /src/target/lib /app/lib
ENV MXNET_ENGINE_TYPE=NaiveEngine \
    OMP_NUM_THREADS=1 \
    VISION_MODELS_DIR=/models \
    VISION_MODELS_CACHE=/cache \
    JAVA_TOOL_OPTIONS="-Xmx4g"
VOLUME ["/cache", "/state"]
USER 10001:10001
ENTRYPOINT ["java", "-jar", "/app/vision-streams.jar"]
CMD ["run"]

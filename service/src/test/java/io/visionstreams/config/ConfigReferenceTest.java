package io.visionstreams.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConfigReferenceTest {

    @Test
    void readmeConfigurationReferenceMatchesTheCodesDefinitions() throws Exception {
        String readme = Files.readString(Path.of("docs/configuration.md"));
        assertThat(readme).as("docs/configuration.md is stale: run ./vision-streams topology")
                .isEqualTo(ConfigReference.updateReadme(readme));
        for (String key : VisionConfigDef.DEF.names()) {
            assertThat(readme).contains("`" + key + "`");
        }
    }
}

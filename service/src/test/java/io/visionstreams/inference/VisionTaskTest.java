package io.visionstreams.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VisionTaskTest {

    @Test
    void configNameIsReadInAnyCaseAndAnUnknownOneIsRejectedNamingEveryTask() {
        // given/when/then
        assertThat(VisionTask.fromConfigName(" Detection ")).isEqualTo(VisionTask.DETECTION);
        assertThatThrownBy(() -> VisionTask.fromConfigName("ocr")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown task 'ocr' (expected classification, detection or segmentation)");
    }
}

package io.visionstreams.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ZonesJsonTest {

    private static Map<String, ZoneSet> parse(String json) throws Exception {
        return ZonesJson.parse(new ObjectMapper().readTree(json));
    }

    @Test
    void readsZonesAndLinesPerSourceWithTheStarForEveryOther() throws Exception {
        Map<String, ZoneSet> zones = parse("""
                {"sources": {
                  "cam-1": {"zones": [{"name": "yard", "polygon": [[0.6, 0.4], [0.9, 0.4], [0.9, 0.9]],
                                       "labels": ["dog"], "loitering_ms": 5000}],
                            "lines": [{"name": "gate", "points": [[0.5, 0], [0.5, 1]]}]},
                  "*": {"lines": [{"name": "door", "points": [[0, 0.5], [1, 0.5]], "labels": ["person"]}]}}}
                """);
        ZoneSet cam1 = ZonesJson.forSource(zones, "cam-1");
        assertThat(cam1.zones()).containsExactly(new ZoneSet.Zone("yard",
                List.of(new Point(0.6, 0.4), new Point(0.9, 0.4), new Point(0.9, 0.9)), List.of("dog"), 5000));
        assertThat(cam1.lines()).containsExactly(new ZoneSet.Line("gate", List.of(new Point(0.5, 0), new Point(0.5, 1)), List.of()));
        assertThat(ZonesJson.forSource(zones, "cam-2").lines()).extracting(ZoneSet.Line::name).containsExactly("door");
        assertThat(ZonesJson.forSource(Map.of(), "cam-2")).isEqualTo(ZoneSet.NONE);
    }

    @Test
    void namesTheSourceAndZoneThatIsWrong() {
        assertThatThrownBy(() -> parse("{\"sources\": {\"cam-1\": {\"zones\": [{\"name\": \"yard\", \"polygon\": [[0, 0], [1, 1]]}]}}}"))
                .hasMessage("source 'cam-1': zone 'yard' needs at least 3 points, has 2");
        assertThatThrownBy(() -> parse("{\"sources\": {\"cam-1\": {\"lines\": [{\"name\": \"gate\", \"points\": [[0, \"x\"], [1, 1]]}]}}}"))
                .hasMessageStartingWith("source 'cam-1': a point is [x, y] with two numbers");
        assertThatThrownBy(() -> parse("{\"zones\": []}")).hasMessage("expected an object \"sources\" at the top");
        assertThatThrownBy(() -> parse("{\"sources\": {\"*\": {\"lines\": [{\"name\": \"g\", \"points\": [[0, 0], [1, 1]]},"
                + " {\"name\": \"g\", \"points\": [[0, 1], [1, 0]]}]}}}")).hasMessage("source '*': line 'g' is defined twice");
    }
}

package io.visionstreams.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LinearAssignmentTest {

    @Test
    void findsTheCheapestAssignmentNotTheGreedyOne() {
        // given: greedy would take (0,0)=0.1 and then pay 0.9 for (1,1); the optimum is 0.2 + 0.3
        double[][] cost = {{0.1, 0.2}, {0.3, 0.9}};
        // when
        int[] match = LinearAssignment.solve(cost, 1.0);
        // then
        assertThat(match).containsExactly(1, 0);
    }

    @Test
    void leavesPairsAboveTheLimitUnmatched() {
        // given: row 1's only pair costs more than the limit; row 0 and column 0 match
        double[][] cost = {{0.2, 0.95}, {0.9, 0.85}};
        // when
        int[] match = LinearAssignment.solve(cost, 0.8);
        // then
        assertThat(match).containsExactly(0, -1);
    }

    @Test
    void prefersLeavingTwoUnmatchedToOnePairCostingMoreThanTheLimit() {
        // given: matching (0,0) at 0.7 and (1,1) at 0.7 = 1.4 against (0,1) at 0.1 + two left alone (limit 0.8: 0.8)
        double[][] cost = {{0.7, 0.1}, {0.05, 0.7}};
        // when
        int[] match = LinearAssignment.solve(cost, 0.8);
        // then: the two cheap cross pairs, 0.15
        assertThat(match).containsExactly(1, 0);
    }

    @Test
    void handlesRectangularAndEmptyMatrices() {
        assertThat(LinearAssignment.solve(new double[][] {{0.5, 0.1, 0.3}}, 0.8)).containsExactly(1);
        assertThat(LinearAssignment.solve(new double[][] {{0.5}, {0.1}, {0.3}}, 0.8)).containsExactly(-1, 0, -1);
        assertThat(LinearAssignment.solve(new double[0][0], 0.8)).isEmpty();
        assertThat(LinearAssignment.solve(new double[][] {{}, {}}, 0.8)).containsExactly(-1, -1);
    }

    @Test
    void neverMatchesForbiddenPairs() {
        double[][] cost = {{LinearAssignment.FORBIDDEN, 0.3}, {LinearAssignment.FORBIDDEN, LinearAssignment.FORBIDDEN}};
        assertThat(LinearAssignment.solve(cost, 0.8)).containsExactly(1, -1);
    }
}

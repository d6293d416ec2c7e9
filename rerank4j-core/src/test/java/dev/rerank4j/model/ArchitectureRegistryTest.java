package dev.rerank4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rerank4j.ModelFormatException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The registry's contract: every descriptor reads its own config, builds its network and answers the shared rules. */
class ArchitectureRegistryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void aConfigReadsAsItsArchitecturesRecordAndBuildsItsNetwork(Architecture a) {
        ModelConfig config =
                ModelConfig.fromJson(json(a).put("max_position_embeddings", 40).put("pad_token_id", 3));
        assertThat(Architecture.of(config)).isEqualTo(a);
        Network network = a.network(config);
        assertThat(network.descriptor()).isSameAs(a.descriptor());
        assertThat(network.basePrefix()).isEqualTo(a.descriptor().basePrefix());
        assertThat(network.parameterSpecs())
                .filteredOn(s -> s.role() == ParamSpec.Role.ENCODER)
                .allMatch(s -> s.name().startsWith(network.basePrefix() + "."));
        boolean roberta = a == Architecture.ROBERTA || a == Architecture.XLM_ROBERTA;
        assertThat(a.descriptor().maxSequenceLength(config)).isEqualTo(roberta ? 40 - 3 - 1 : 40);
        assertThat(network.usesTokenTypes()).isEqualTo(a == Architecture.BERT || a == Architecture.ELECTRA);
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void thePadIdDefaultIsTheDescriptors(Architecture a) {
        assertThat(ModelConfig.fromJson(json(a)).padTokenId())
                .isEqualTo(a.descriptor().defaultPadTokenId());
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void aNetworkRefusesAnotherArchitecturesConfig(Architecture a) {
        Architecture other = a == Architecture.DISTILBERT ? Architecture.BERT : Architecture.DISTILBERT;
        ModelConfig foreign = ModelConfig.fromJson(json(other));
        assertThatThrownBy(() -> a.network(foreign))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("network needs a")
                .hasMessageContaining(other.modelType());
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void withersKeepTheRecordType(Architecture a) {
        ModelConfig config = ModelConfig.fromJson(json(a));
        ModelConfig changed = config.withNumLabels(5).withDropout(0f, 0.2f);
        assertThat(changed).hasSameClassAs(config);
        assertThat(changed.numLabels()).isEqualTo(5);
        assertThat(changed.hiddenDropout()).isZero();
        assertThat(changed.attentionDropout()).isEqualTo(0.2f);
        assertThat(changed.sizes()).isEqualTo(config.sizes());
    }

    @org.junit.jupiter.api.Test
    void modelTypesAreUniqueAndUnknownOnesAreListed() {
        List<String> types = Arrays.stream(Architecture.values())
                .map(Architecture::modelType)
                .toList();
        assertThat(types).doesNotHaveDuplicates();
        assertThatThrownBy(() -> ModelConfig.fromJson(JSON.createObjectNode().put("model_type", "mamba")))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("unsupported architecture: model_type \"mamba\"")
                .hasMessageContaining("roberta (RobertaForSequenceClassification)");
    }

    private static ObjectNode json(Architecture a) {
        return JSON.createObjectNode().put("model_type", a.modelType());
    }
}

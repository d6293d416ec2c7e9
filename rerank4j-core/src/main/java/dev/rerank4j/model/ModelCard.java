package dev.rerank4j.model;

import dev.rerank4j.Activation;
import java.util.Objects;

/**
 * The {@code README.md} written beside a saved model, in the spirit of sentence-transformers' generated cards: YAML
 * metadata the Hugging Face hub reads, what the model is, and how to use it from Python and Java.
 *
 * @param baseModel the model id or directory the model was built from
 * @param architecture the transformers class of the saved model
 * @param numLabels outputs per pair
 * @param maxLength tokens per pair
 * @param activation the inference activation
 */
public record ModelCard(String baseModel, String architecture, int numLabels, int maxLength, Activation activation) {
    public ModelCard {
        Objects.requireNonNull(baseModel, "baseModel");
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(activation, "activation");
    }

    static ModelCard of(CrossEncoder model) {
        return new ModelCard(
                model.source(),
                model.architecture().classificationClass(),
                model.numLabels(),
                model.maxLength(),
                model.activation());
    }

    /** The Markdown text. */
    public String render() {
        boolean ranking = numLabels == 1;
        boolean hubId = baseModel.matches("[\\w.-]+/[\\w.-]+") && !baseModel.startsWith(".");
        StringBuilder md = new StringBuilder();
        md.append("---\n");
        md.append("library_name: sentence-transformers\n");
        md.append("pipeline_tag: ")
                .append(ranking ? "text-ranking" : "text-classification")
                .append('\n');
        md.append("tags:\n- sentence-transformers\n- cross-encoder\n- reranker\n- rerank4j\n");
        if (hubId) {
            md.append("base_model: ").append(baseModel).append('\n');
        }
        md.append("---\n\n");
        md.append("# CrossEncoder based on ").append(baseModel).append("\n\n");
        md.append(
                        "This is a [Cross Encoder](https://www.sbert.net/docs/cross_encoder/usage/usage.html) model saved by ")
                .append("rerank4j. It reads a pair of texts and computes ")
                .append(ranking ? "a relevance score, for reranking search results" : numLabels + " label scores")
                .append(".\n\n");
        md.append("## Model Details\n\n");
        md.append("- **Model Type:** Cross Encoder\n");
        md.append("- **Base model:** ").append(baseModel).append('\n');
        md.append("- **Architecture:** ").append(architecture).append('\n');
        md.append("- **Maximum Sequence Length:** ").append(maxLength).append(" tokens\n");
        md.append("- **Number of Output Labels:** ")
                .append(numLabels)
                .append(numLabels == 1 ? " label" : " labels")
                .append('\n');
        md.append("- **Activation:** `").append(activation.torchName()).append("`\n\n");
        md.append("## Usage\n\n### Python (sentence-transformers)\n\n```python\n");
        md.append("from sentence_transformers import CrossEncoder\n\n");
        md.append("model = CrossEncoder(\"path/to/this/model\")\n");
        md.append(
                "scores = model.predict([(\"How many people live in Berlin?\", \"Berlin has 3.7 million people.\")])\n");
        md.append("```\n\n### Java (rerank4j)\n\n```java\n");
        md.append("try (CrossEncoder model = CrossEncoder.load(Path.of(\"path/to/this/model\"))) {\n");
        md.append("    float[] scores = model.predict(List.of(new TextPair(\"How many people live in Berlin?\", "
                + "\"Berlin has 3.7 million people.\")));\n}\n```\n\n");
        md.append("## Framework Versions\n\n");
        md.append("- rerank4j: ").append(Versions.rerank4j()).append('\n');
        md.append("- DJL: ").append(Versions.djl()).append('\n');
        md.append("- PyTorch (libtorch): ").append(Versions.libtorch()).append('\n');
        md.append("- Saved in the layout of sentence-transformers ")
                .append(SentenceTransformersFiles.ST_VERSION)
                .append('\n');
        return md.toString();
    }
}

package dev.rerank4j.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering rules of the core library (issue 10): only the model, loss and train implementations touch the tensor
 * engine; the root package is the plain vocabulary everyone shares; the top-level packages form no cycle.
 */
class ArchitectureTest {
    private static final String[] TENSOR_ENGINE = {
        "ai.djl.ndarray..", "ai.djl.engine..", "ai.djl.pytorch..", "ai.djl.nn..", "ai.djl.training.."
    };

    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.rerank4j");
    }

    @Test
    void engineFreePackagesNeverTouchTheTensorEngine() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "dev.rerank4j",
                        "dev.rerank4j.eval..",
                        "dev.rerank4j.mining..",
                        "dev.rerank4j.data..",
                        "dev.rerank4j.retrieval..",
                        "dev.rerank4j.tokenize..",
                        "dev.rerank4j.hub..",
                        "dev.rerank4j.io..",
                        "dev.rerank4j.progress..",
                        "dev.rerank4j.backend..",
                        "dev.rerank4j.onnx..",
                        "dev.rerank4j.embed..",
                        "dev.rerank4j.report..",
                        "dev.rerank4j.recipe..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(TENSOR_ENGINE)
                .because("the tensor engine stays behind the backend seam (model, loss, train); tokenize uses only"
                        + " DJL's Hugging Face tokenizers binding (ai.djl.huggingface)")
                .check(core);
    }

    @Test
    void rootPackageImportsNothingElseOfRerank4j() {
        noClasses()
                .that()
                .resideInAPackage("dev.rerank4j")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.rerank4j.(*)..")
                .because("the root package is the ground floor: the vocabulary every package shares")
                .check(core);
    }

    @Test
    void lowerPackagesNeverReachUpIntoModel() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "dev.rerank4j.tokenize..",
                        "dev.rerank4j.data..",
                        "dev.rerank4j.embed..",
                        "dev.rerank4j.retrieval..",
                        "dev.rerank4j.eval..",
                        "dev.rerank4j.mining..",
                        "dev.rerank4j.hub..",
                        "dev.rerank4j.io..",
                        "dev.rerank4j.backend..",
                        "dev.rerank4j.onnx..",
                        "dev.rerank4j.progress..",
                        "dev.rerank4j.report..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.rerank4j.model..")
                .because("they work with the Reranker contract and the backend seam; the model (cross-encoders and"
                        + " their engine) sits above them and is found through them, never named by them")
                .check(core);
    }

    @Test
    void theEngineBoundModelInternalsStayWithTheirTrainer() {
        noClasses()
                .that()
                .resideOutsideOfPackages("dev.rerank4j.model..", "dev.rerank4j.loss..", "dev.rerank4j.train..")
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("dev.rerank4j.model.Network")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("dev.rerank4j.model.Parameters")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("dev.rerank4j.model.Inputs")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("dev.rerank4j.model.Mode")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("dev.rerank4j.model.ParamSpec")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("dev.rerank4j.model.TrainingAccess")
                .orShould()
                .dependOnClassesThat()
                .resideInAPackage("dev.rerank4j.model.nn..")
                .because("the libtorch network, its weights and its building blocks are public only so that the"
                        + " architecture packages, the losses and the trainer can reach them; nothing else may")
                .check(core);
    }

    @Test
    void onnxRuntimeStaysInTheOnnxPackage() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.rerank4j.onnx..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("ai.onnxruntime..")
                .because("ONNX Runtime is one engine behind the backend seam: its sessions and tensors stay in"
                        + " dev.rerank4j.onnx, which hands out plain InferenceBackend outputs")
                .check(core);
    }

    @Test
    void topLevelPackagesAreFreeOfCycles() {
        slices().matching("dev.rerank4j.(*)..").should().beFreeOfCycles().check(core);
    }
}

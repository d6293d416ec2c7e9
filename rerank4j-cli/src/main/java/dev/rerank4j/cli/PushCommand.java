package dev.rerank4j.cli;

import dev.rerank4j.hub.HubOptions;
import dev.rerank4j.hub.HubUploader;
import dev.rerank4j.hub.UploadRequest;
import dev.rerank4j.hub.UploadResult;
import dev.rerank4j.hub.Visibility;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rerank4j push}: uploads a model folder to a Hugging Face hub repository. */
@Command(
        name = "push",
        mixinStandardHelpOptions = true,
        description = {
            "Upload a model folder to a Hugging Face hub repository in one commit, as huggingface_hub's upload_folder"
                    + " does: the repository is created if missing, weights go to LFS storage, files the hub already"
                    + " holds unchanged are skipped, and nothing is committed unless every upload succeeded.",
            "The token comes from --token, else HF_TOKEN, else the token file of `hf auth login`"
                    + " (HF_HOME/token); it needs write access and is never printed. HF_ENDPOINT selects another hub."
        },
        footer = {
            "",
            "Examples:",
            "  rerank4j push --model models/minilm-wikiqa-bce/final --repo my-org/minilm-wikiqa-bce",
            "  rerank4j push --model models/run/best --repo my-org/run --private --commit-message \"Best checkpoint\""
        })
final class PushCommand implements Callable<Integer> {
    @Mixin
    Verbosity verbosity;

    @Option(
            names = {"-m", "--model"},
            required = true,
            paramLabel = "DIR",
            description = "The model folder to upload (config.json, model.safetensors, tokenizer files...).")
    Path model;

    @Option(names = "--repo", required = true, paramLabel = "ORG/NAME", description = "The repository to push to.")
    String repo;

    @Option(names = "--private", description = "Create the repository private (an existing one keeps its visibility).")
    boolean privateRepo;

    @Option(
            names = "--revision",
            defaultValue = "main",
            description = "The branch to commit to. Default: ${DEFAULT-VALUE}.")
    String revision;

    @Option(
            names = "--commit-message",
            defaultValue = UploadRequest.DEFAULT_COMMIT_MESSAGE,
            description = "The commit's summary. Default: ${DEFAULT-VALUE}.")
    String commitMessage;

    @Option(
            names = "--token",
            paramLabel = "TOKEN",
            description = "An access token with write access (default: HF_TOKEN, else the token file).")
    String token;

    @Option(names = "--no-progress", description = "Do not show upload progress.")
    boolean noProgress;

    @Override
    public Integer call() {
        HubOptions options = HubOptions.fromEnvironment();
        if (token != null) {
            options = options.withToken(token);
        }
        UploadRequest request = UploadRequest.of(model, repo)
                .withRevision(revision)
                .withVisibility(privateRepo ? Visibility.PRIVATE : Visibility.DEFAULT)
                .withCommitMessage(commitMessage);
        HubUploader uploader = new HubUploader(
                options, noProgress ? dev.rerank4j.ProgressListener.NONE : ConsoleProgress.standardError());
        UploadResult result = uploader.upload(request);
        if (result.changed()) {
            System.out.println("pushed " + result.committed().size() + " file(s) of " + model + " to " + repo + " ("
                    + result.lfsUploaded().size() + " uploaded to LFS storage, "
                    + result.unchanged().size()
                    + " unchanged): " + result.commitUrl());
        } else {
            System.out.println(repo + " already holds every file of " + model + " as it is ("
                    + result.unchanged().size() + " files): nothing to commit");
        }
        return 0;
    }
}

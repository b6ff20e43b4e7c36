/** Image classification (MobileNetV2, ImageNet): preprocessing, top-k, labels. */
package io.visionstreams.inference.classification;

"""Documents (문서): their model, classification and segmentation."""

"""The edge: where botocore's requests meet a fake, as JSON 1.1 bytes both ways."""

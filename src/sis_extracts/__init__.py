"""sis-extracts: Kentucky KECS LEAD and Illinois K-12 Student Course Assignment V2 extracts from raw SIS tables."""

__version__ = "0.1.0"

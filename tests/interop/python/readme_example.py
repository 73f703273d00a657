# datamodel-codegen --input schemas/taxonomy.schema.json --input-file-type jsonschema \
#   --output taxonomy_models.py --output-model-type pydantic_v2.BaseModel --use-field-description
import json
from collections import Counter
from jsonschema import Draft202012Validator
from taxonomy_models import MlsecopsTaxonomy, Risk

text = open("schemas/taxonomy.json", encoding="utf-8").read()
Draft202012Validator(json.load(open("schemas/taxonomy.schema.json"))).validate(json.loads(text))
taxonomy = MlsecopsTaxonomy.model_validate_json(text)
print(Counter(r.domain.value for r in taxonomy.risks))  # Counter({'security': 23, 'privacy': 11})
print(Risk("R17-Security").name)  # ApiAbuseAndInjection, with the risk's description as docstring

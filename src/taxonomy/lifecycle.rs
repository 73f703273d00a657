//! The MLSecOps lifecycle: three [`Layer`]s, nine [`Phase`]s, and whether a phase is
//! [`PhaseKind::Static`], [`PhaseKind::Dynamic`] or both.

use crate::taxonomy::risk::Risk;
use crate::taxonomy::risk_set::RiskSet;
use crate::taxonomy::text::{impl_named_text, named_enum};

named_enum! {
    /// A layer of the ML system: the source groups its phases and risks under three of them.
    ///
    /// The text form (`Display`, `FromStr`, serde) is snake_case; parsing also takes the source's
    /// spellings, including "APP Layer" for [`Layer::Application`].
    ///
    /// ```
    /// use mlsecops_taxonomy::{Layer, Phase};
    ///
    /// let layer: Layer = "APP Layer".parse()?;
    /// assert_eq!(layer, Layer::Application);
    /// assert_eq!(layer.to_string(), "application");
    /// assert_eq!(layer.name(), "Application");
    /// assert_eq!(Layer::Model.phases(), &[Phase::ModelTraining, Phase::ModelStorage, Phase::ModelDeployment]);
    /// assert_eq!(Layer::Model.risks().len(), 13);
    /// # Ok::<(), mlsecops_taxonomy::ParseNameError>(())
    /// ```
    #[non_exhaustive]
    pub enum Layer("layer", "A layer of an ML system.", describe = Layer::schema_description) {
        /// Data Layer: collection, preprocessing and annotation, storage.
        Data = "data", "Data", ["Data Layer"];
        /// Model Layer: training, storage and management, deployment.
        Model = "model", "Model", ["Model Layer"];
        /// Application Layer ("APP Layer" in the source): optimization and integration, code, service.
        Application = "application", "Application", ["APP", "APP Layer", "Application Layer"];
    }
}

impl Layer {
    /// `Data layer: Data Collection, Data Preprocessing & Annotation, Data Storage.`: the
    /// description of the layer's value in the schemas.
    #[cfg(feature = "schema")]
    fn schema_description(self) -> String {
        let phases: Vec<&str> = self.phases().iter().map(|p| p.name()).collect();
        format!("{} layer: {}.", self.name(), phases.join(", "))
    }

    /// The phases of this layer, in lifecycle order.
    pub const fn phases(self) -> &'static [Phase] {
        let all: &'static [Phase] = &Phase::ALL;
        match self {
            Layer::Data => all.split_at(3).0,
            Layer::Model => all.split_at(3).1.split_at(3).0,
            Layer::Application => all.split_at(6).1,
        }
    }

    /// Every risk listed under one of this layer's phases.
    pub const fn risks(self) -> RiskSet {
        let phases = self.phases();
        let mut set = RiskSet::EMPTY;
        let mut i = 0;
        while i < phases.len() {
            set = set.union(phases[i].risks());
            i += 1;
        }
        set
    }
}

named_enum! {
    /// Whether a phase works on things at rest (static), in motion (dynamic), or both.
    ///
    /// ```
    /// use mlsecops_taxonomy::{Phase, PhaseKind};
    ///
    /// assert_eq!(Phase::ModelDeployment.kind(), PhaseKind::StaticAndDynamic);
    /// assert_eq!(PhaseKind::StaticAndDynamic.name(), "Static & Dynamic");
    /// assert_eq!("static & dynamic".parse::<PhaseKind>()?, PhaseKind::StaticAndDynamic);
    /// assert!(PhaseKind::StaticAndDynamic.is_static() && PhaseKind::StaticAndDynamic.is_dynamic());
    /// # Ok::<(), mlsecops_taxonomy::ParseNameError>(())
    /// ```
    pub enum PhaseKind(
        "phase kind",
        "Whether a phase handles artifacts at rest (static), in motion (dynamic) or both."
    ) {
        /// A static phase ("Static Phase"): artifacts at rest.
        Static = "static", "Static", ["Static Phase"];
        /// A dynamic phase ("Dynamic Phase"): data and models in motion.
        Dynamic = "dynamic", "Dynamic", ["Dynamic Phase"];
        /// Both ("Static & Dynamic Phase").
        StaticAndDynamic = "static_and_dynamic", "Static & Dynamic", ["Static & Dynamic Phase"];
    }
}

impl PhaseKind {
    /// True for [`Static`](PhaseKind::Static) and [`StaticAndDynamic`](PhaseKind::StaticAndDynamic).
    pub const fn is_static(self) -> bool {
        matches!(self, PhaseKind::Static | PhaseKind::StaticAndDynamic)
    }

    /// True for [`Dynamic`](PhaseKind::Dynamic) and [`StaticAndDynamic`](PhaseKind::StaticAndDynamic).
    pub const fn is_dynamic(self) -> bool {
        matches!(self, PhaseKind::Dynamic | PhaseKind::StaticAndDynamic)
    }
}

/// One row of the phase table.
struct PhaseRow {
    snake: &'static str,
    name: &'static str,
    kind: PhaseKind,
    layer: Layer,
    description: &'static str,
}

/// The nine phases as the source lists them, in lifecycle order; the index is the discriminant.
static PHASES: [PhaseRow; 9] = [
    PhaseRow {
        snake: "data_collection",
        name: "Data Collection",
        kind: PhaseKind::Dynamic,
        layer: Layer::Data,
        description: "Data is gathered from various sources—APIs, sensors, web scraping, user input, etc.",
    },
    PhaseRow {
        snake: "data_preprocessing",
        name: "Data Preprocessing & Annotation",
        kind: PhaseKind::Dynamic,
        layer: Layer::Data,
        description: "Raw data is cleaned, normalized, and labeled, possibly using both automated processes and human intervention.",
    },
    PhaseRow {
        snake: "data_storage",
        name: "Data Storage",
        kind: PhaseKind::Static,
        layer: Layer::Data,
        description: "The preprocessed and annotated data is stored in databases or data warehouses for later use.",
    },
    PhaseRow {
        snake: "model_training",
        name: "Model Training & Development",
        kind: PhaseKind::Dynamic,
        layer: Layer::Model,
        description: "Machine learning models are trained using the preprocessed data. This phase involves iterative training, hyperparameter tuning, and validation.",
    },
    PhaseRow {
        snake: "model_storage",
        name: "Model Storage & Management",
        kind: PhaseKind::Static,
        layer: Layer::Model,
        description: "After training, the finalized model—including its weights and configurations—is saved as a static artifact (e.g., model files, container images).",
    },
    PhaseRow {
        snake: "model_deployment",
        name: "Model Deployment & Containerization",
        kind: PhaseKind::StaticAndDynamic,
        layer: Layer::Model,
        description: "The model is deployed to production, often within a containerized environment. This includes setting up APIs, load balancers, and runtime environments.",
    },
    PhaseRow {
        snake: "model_optimization",
        name: "Model Optimization & Integration",
        kind: PhaseKind::Dynamic,
        layer: Layer::Application,
        description: "The deployed model is further optimized for performance (e.g., via quantization, pruning, or transfer learning) and integrated into the application.",
    },
    PhaseRow {
        snake: "application_development",
        name: "Application Development & Code Integration",
        kind: PhaseKind::Static,
        layer: Layer::Application,
        description: "The application code (front-end/back-end) that leverages the model is developed, reviewed, and deployed.",
    },
    PhaseRow {
        snake: "service_exposure",
        name: "Service Exposure & Runtime Monitoring",
        kind: PhaseKind::Dynamic,
        layer: Layer::Application,
        description: "The final application, which includes the optimized model and integrated code, is exposed to end-users. It is actively monitored in a live environment.",
    },
];

/// A phase of the MLSecOps lifecycle. Each belongs to one [`Layer`] and has a [`PhaseKind`].
///
/// The text form (`Display`, `FromStr`, serde) is snake_case; parsing also takes the source's
/// name, ignoring case, spaces and punctuation.
///
/// ```
/// use mlsecops_taxonomy::{Layer, Phase, PhaseKind};
///
/// let phase: Phase = "Model Deployment & Containerization".parse()?;
/// assert_eq!(phase, Phase::ModelDeployment);
/// assert_eq!(phase.to_string(), "model_deployment");
/// assert_eq!(phase.name(), "Model Deployment & Containerization");
/// assert_eq!((phase.layer(), phase.kind()), (Layer::Model, PhaseKind::StaticAndDynamic));
/// assert_eq!(phase.risks().to_string(),
///     "R14-Security, R15-Security, R16-Security, R17-Security, R6-Privacy, R7-Privacy");
/// # Ok::<(), mlsecops_taxonomy::ParseNameError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Phase {
    /// Data Collection (Dynamic).
    DataCollection,
    /// Data Preprocessing & Annotation (Dynamic).
    DataPreprocessing,
    /// Data Storage (Static).
    DataStorage,
    /// Model Training & Development (Dynamic).
    ModelTraining,
    /// Model Storage & Management (Static).
    ModelStorage,
    /// Model Deployment & Containerization (Static & Dynamic).
    ModelDeployment,
    /// Model Optimization & Integration (Dynamic).
    ModelOptimization,
    /// Application Development & Code Integration (Static).
    ApplicationDevelopment,
    /// Service Exposure & Runtime Monitoring (Dynamic).
    ServiceExposure,
}

crate::taxonomy::text::enum_traits!(Phase, Phase::ALL.len());

impl Phase {
    /// The nine phases, in lifecycle order.
    pub const ALL: [Phase; 9] = [
        Phase::DataCollection,
        Phase::DataPreprocessing,
        Phase::DataStorage,
        Phase::ModelTraining,
        Phase::ModelStorage,
        Phase::ModelDeployment,
        Phase::ModelOptimization,
        Phase::ApplicationDevelopment,
        Phase::ServiceExposure,
    ];

    const fn row(self) -> &'static PhaseRow {
        &PHASES[self as usize]
    }

    /// The snake_case text form, e.g. `"model_deployment"`.
    pub const fn as_str(self) -> &'static str {
        self.row().snake
    }

    /// The phase's name as the source writes it, e.g. `"Model Deployment & Containerization"`.
    pub const fn name(self) -> &'static str {
        self.row().name
    }

    /// The source's one-line description of the phase.
    pub const fn description(self) -> &'static str {
        self.row().description
    }

    /// Whether the phase is static, dynamic or both.
    pub const fn kind(self) -> PhaseKind {
        self.row().kind
    }

    /// The layer the phase belongs to.
    pub const fn layer(self) -> Layer {
        self.row().layer
    }

    /// The risks the source lists under this phase.
    pub const fn risks(self) -> RiskSet {
        let mut set = RiskSet::EMPTY;
        let mut i = 0;
        while i < Risk::ALL.len() {
            if Risk::ALL[i].phase() as u8 == self as u8 {
                set = set.with(Risk::ALL[i]);
            }
            i += 1;
        }
        set
    }
}

impl_named_text!(Phase, "phase");
